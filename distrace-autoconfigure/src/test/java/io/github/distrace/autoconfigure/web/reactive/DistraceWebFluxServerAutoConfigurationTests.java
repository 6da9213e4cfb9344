package io.github.distrace.autoconfigure.web.reactive;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.web.DistraceWebProperties;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceWebFluxServerAutoConfigurationTests {

	private static final String FILTER = "distraceServerSpanWebFilter";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceWebFluxServerAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyFilterOrderedFirst() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DistraceWebProperties.class).hasSingleBean(ServerSpanWebFilter.class);
			assertThat(context.getBean(ServerSpanWebFilter.class).getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
		});
	}

	@Test
	void shouldSupplyFilterWithoutMicrometersContextPropagation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(ServerSpanWebFilter.class));
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FILTER));
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FILTER));
	}

	@Test
	void shouldBackOffOnCustomBean() {
		this.contextRunner.withBean(FILTER, WebFilter.class, () -> (exchange, chain) -> chain.filter(exchange))
			.run((context) -> assertThat(context).doesNotHaveBean(ServerSpanWebFilter.class).hasBean(FILTER));
	}

	@Test
	void shouldNotSupplyFilterInServletApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
					DistraceWebFluxServerAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none")
			.run((context) -> assertThat(context).doesNotHaveBean(FILTER));
	}

}
