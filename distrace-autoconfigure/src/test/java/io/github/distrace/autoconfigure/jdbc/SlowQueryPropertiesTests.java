package io.github.distrace.autoconfigure.jdbc;

import java.time.Duration;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code distrace.jdbc.slow-query.*} properties: their defaults, binding, and the
 * start-up failure that names a wrong one.
 */
class SlowQueryPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceJdbcAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void defaults() {
		this.contextRunner.run((context) -> {
			DistraceJdbcProperties.SlowQuery slowQuery = context.getBean(DistraceJdbcProperties.class).getSlowQuery();
			assertThat(slowQuery.getThreshold()).isEqualTo(Duration.ofMillis(500));
			assertThat(slowQuery.isCaptureParameters()).isFalse();
			assertThat(slowQuery.isExplain()).isFalse();
			assertThat(slowQuery.getExplainPerMinute()).isEqualTo(10);
		});
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues("distrace.jdbc.slow-query.threshold=2s",
					"distrace.jdbc.slow-query.capture-parameters=true", "distrace.jdbc.slow-query.explain=true",
					"distrace.jdbc.slow-query.explain-per-minute=3")
			.run((context) -> {
				DistraceJdbcProperties.SlowQuery slowQuery = context.getBean(DistraceJdbcProperties.class)
					.getSlowQuery();
				assertThat(slowQuery.getThreshold()).isEqualTo(Duration.ofSeconds(2));
				assertThat(slowQuery.isCaptureParameters()).isTrue();
				assertThat(slowQuery.isExplain()).isTrue();
				assertThat(slowQuery.getExplainPerMinute()).isEqualTo(3);
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "threshold | 0 | PT0S | must be a positive duration",
					"threshold | -5ms | PT-0.005S | must be a positive duration",
					"explain-per-minute | 0 | 0 | must be 1 or more" })
	void invalidValueStopsStartUpNamingThePropertyAndTheValue(String property, String value, String bound,
			String allowed) {
		this.contextRunner.withPropertyValues("distrace.jdbc.slow-query." + property + "=" + value)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("distrace.jdbc.slow-query." + property)
				.hasStackTraceContaining("rejected value [" + bound + "]")
				.hasStackTraceContaining(allowed));
	}

}
