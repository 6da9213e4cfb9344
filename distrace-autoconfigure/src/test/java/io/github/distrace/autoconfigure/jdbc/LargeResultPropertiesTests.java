package io.github.distrace.autoconfigure.jdbc;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code distrace.jdbc.large-result.threshold} property: its default, binding, and
 * the start-up failure that names a wrong value.
 */
class LargeResultPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceJdbcAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void defaultIsAThousandRows() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(DistraceJdbcProperties.class).getLargeResult().getThreshold())
				.isEqualTo(1000));
	}

	@Test
	void thresholdIsBound() {
		this.contextRunner.withPropertyValues("distrace.jdbc.large-result.threshold=50000")
			.run((context) -> assertThat(context.getBean(DistraceJdbcProperties.class).getLargeResult().getThreshold())
				.isEqualTo(50_000));
	}

	@Test
	void thresholdBelowOneStopsStartUpNamingThePropertyAndTheValue() {
		this.contextRunner.withPropertyValues("distrace.jdbc.large-result.threshold=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("distrace.jdbc.large-result.threshold")
				.hasStackTraceContaining("rejected value [0]")
				.hasStackTraceContaining("must be 1 or more"));
	}

}
