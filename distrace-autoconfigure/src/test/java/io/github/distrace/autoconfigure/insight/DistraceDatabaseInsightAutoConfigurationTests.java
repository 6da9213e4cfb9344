package io.github.distrace.autoconfigure.insight;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
			assertThat(properties.getMaxStatements()).isEqualTo(1000);
			assertThat(properties.getMaxReported()).isEqualTo(100);
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

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "threshold | 1 | 1 | must be 2 or more",
					"min-duration | -1s | PT-1S | must be zero or a positive duration",
					"max-statements | 0 | 0 | must be 1 or more", "max-reported | -3 | -3 | must be 1 or more" })
	void invalidValueStopsStartUpNamingThePropertyAndTheValue(String property, String value, String bound,
			String allowed) {
		this.contextRunner.withPropertyValues("distrace.jdbc.n-plus-one." + property + "=" + value)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("distrace.jdbc.n-plus-one." + property)
				.hasStackTraceContaining("rejected value [" + bound + "]")
				.hasStackTraceContaining(allowed));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserProcessorConfiguration {

		@Bean
		DatabaseInsightSpanProcessor userProcessor() {
			return new DatabaseInsightSpanProcessor(new DistraceNPlusOneProperties(), new NPlusOneReporter(() -> null));
		}

	}

}
