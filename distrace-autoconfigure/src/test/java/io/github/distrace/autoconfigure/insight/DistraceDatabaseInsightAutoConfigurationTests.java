package io.github.distrace.autoconfigure.insight;

import java.time.Duration;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceDatabaseInsightAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceDatabaseInsightAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DatabaseInsightSpanProcessor.class)
				.hasSingleBean(DistraceNPlusOneProperties.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			DistraceNPlusOneProperties properties = context.getBean(DistraceNPlusOneProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getThreshold()).isEqualTo(5);
			assertThat(properties.getMinDuration()).isZero();
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.jdbc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseInsightSpanProcessor.class));
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseInsightSpanProcessor.class));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserProcessorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DatabaseInsightSpanProcessor.class);
			assertThat(context.getBean(DatabaseInsightSpanProcessor.class)).isSameAs(context.getBean("userProcessor"));
		});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ExtendedSpanProcessor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseInsightSpanProcessor.class));
	}

	@Test
	void serverTimingFilterOnlyWhenAskedFor() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
					DistraceDatabaseInsightAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none");
		web.run((context) -> assertThat(context).doesNotHaveBean("distraceServerTimingFilter"));
		web.withPropertyValues("distrace.web.server-timing=true")
			.run((context) -> assertThat(context).hasBean("distraceServerTimingFilter"));
	}

	@Test
	void invalidThresholdStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("distrace.jdbc.n-plus-one.threshold=1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("distrace.jdbc.n-plus-one.threshold")
				.hasStackTraceContaining("must be 2 or more"));
		this.contextRunner.withPropertyValues("distrace.jdbc.n-plus-one.min-duration=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("distrace.jdbc.n-plus-one.min-duration"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserProcessorConfiguration {

		@Bean
		DatabaseInsightSpanProcessor userProcessor() {
			return new DatabaseInsightSpanProcessor(false, 10, Duration.ZERO, new NPlusOneReporter(() -> null));
		}

	}

}
