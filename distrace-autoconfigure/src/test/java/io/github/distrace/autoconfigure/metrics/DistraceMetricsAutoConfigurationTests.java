package io.github.distrace.autoconfigure.metrics;

import io.github.distrace.autoconfigure.insight.DistraceDatabaseInsightAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.DatabaseInsightListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceDatabaseInsightAutoConfiguration.class, DistraceMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DatabaseMetrics.class).hasSingleBean(DatabaseInsightListener.class);
			DistraceMetricsProperties properties = context.getBean(DistraceMetricsProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getMaxTagValues()).isEqualTo(500);
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseMetrics.class));
		this.contextRunner.withPropertyValues("distrace.jdbc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseMetrics.class));
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseMetrics.class));
	}

	@Test
	void shouldNotSupplyBeansWithoutARegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
					DistraceDatabaseInsightAutoConfiguration.class, DistraceMetricsAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DatabaseMetrics.class));
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseMetrics.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(ExtendedSpanProcessor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseMetrics.class));
	}

	@Test
	void invalidBoundStopsStartUpNamingThePropertyAndTheValue() {
		this.contextRunner.withPropertyValues("distrace.metrics.max-tag-values=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("distrace.metrics.max-tag-values")
				.hasStackTraceContaining("rejected value [0]")
				.hasStackTraceContaining("must be 1 or more"));
	}

}
