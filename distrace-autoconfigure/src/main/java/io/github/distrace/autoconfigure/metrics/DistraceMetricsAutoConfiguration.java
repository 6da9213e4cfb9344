package io.github.distrace.autoconfigure.metrics;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of database metrics in the application's Micrometer registry (with
 * the actuator, or any registry bean of the application's own). The metrics are recorded
 * by a listener that database insight tells about every query span and local root it
 * follows, so they need database insight, and count what it sees before sampling.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = { "io.micrometer.core.instrument.MeterRegistry", "io.opentelemetry.sdk.OpenTelemetrySdk",
		// What database insight, which tells these metrics what it reads, needs.
		"io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor" })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.jdbc.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "distrace.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DistraceMetricsProperties.class)
public final class DistraceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DatabaseMetrics distraceDatabaseMetrics(MeterRegistry registry, DistraceMetricsProperties properties) {
		return new DatabaseMetrics(registry, properties);
	}

}
