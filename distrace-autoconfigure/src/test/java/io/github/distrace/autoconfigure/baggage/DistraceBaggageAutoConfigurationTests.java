package io.github.distrace.autoconfigure.baggage;

import ch.qos.logback.classic.LoggerContext;
import io.github.distrace.BaggageService;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.context.propagation.ContextPropagators;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class DistraceBaggageAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceBaggageAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none", "distrace.baggage.span-attributes=tenant");

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceBaggageAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BaggageService.class)
				.hasSingleBean(BaggageSpanAttributesProcessor.class)
				.hasSingleBean(LogbackCorrelation.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBean(BaggageService.class)).isInstanceOf(OpenTelemetryBaggageService.class);
			assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator())
				.isInstanceOf(RequestBaggagePropagator.class);
		});
		this.webContextRunner.run((context) -> assertThat(context).hasBean("distraceRequestBaggageFilter")
			.doesNotHaveBean(RequestBaggageWebFilter.class));
	}

	@Test
	void shouldSupplyWebFilterInReactiveApplications() {
		ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceBaggageAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none");
		reactive.run((context) -> {
			assertThat(context).hasSingleBean(RequestBaggageWebFilter.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBean(RequestBaggageWebFilter.class).getOrder())
				.isEqualTo(DistraceBaggageAutoConfiguration.FILTER_ORDER);
		});
		reactive.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestBaggageWebFilter.class));
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.webContextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(BaggageService.class)
				.doesNotHaveBean(BaggageSpanAttributesProcessor.class)
				.doesNotHaveBean(LogbackCorrelation.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			BaggageService baggage = context.getBean(BaggageService.class);
			assertThat(baggage).isInstanceOf(NoopBaggageService.class);
			baggage.setValue("tenant", "acme");
			assertThat(baggage.getValue("tenant")).isEmpty();
			assertThat(baggage.getMap()).isEmpty();
		});
	}

	@Test
	void shouldNotSupplySpanProcessorWithoutKeys() {
		this.webContextRunner.run((context) -> assertThat(context).hasSingleBean(BaggageService.class)
			.doesNotHaveBean(BaggageSpanAttributesProcessor.class));
		this.webContextRunner.withPropertyValues("distrace.baggage.span-attributes[0]=tenant")
			.run((context) -> assertThat(context).hasSingleBean(BaggageSpanAttributesProcessor.class));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		BaggageService custom = mock(BaggageService.class);
		this.contextRunner.withBean(BaggageService.class, () -> custom)
			.run((context) -> assertThat(context.getBean(BaggageService.class)).isSameAs(custom));
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.webContextRunner.withClassLoader(new FilteredClassLoader(LoggerContext.class, Filter.class))
			.run((context) -> assertThat(context).hasSingleBean(BaggageService.class)
				.doesNotHaveBean(LogbackCorrelation.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

}
