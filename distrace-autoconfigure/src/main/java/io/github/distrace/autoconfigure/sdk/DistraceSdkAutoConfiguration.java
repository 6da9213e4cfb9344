package io.github.distrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OpenTelemetry SDK from {@code distrace.*} properties. Runs
 * before Spring Boot's own OpenTelemetry auto-configuration, whose beans then back off,
 * so that one SDK is built and every span is exported once.
 *
 * @author distrace
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(OpenTelemetrySdk.class)
@EnableConfigurationProperties(DistraceProperties.class)
public final class DistraceSdkAutoConfiguration {

	static final String INSTRUMENTATION_NAME = "io.github.distrace";

	@Bean
	@ConditionalOnMissingBean
	Tracer distraceTracer(OpenTelemetry openTelemetry) {
		TracerBuilder builder = openTelemetry.tracerBuilder(INSTRUMENTATION_NAME);
		String version = DistraceSdkAutoConfiguration.class.getPackage().getImplementationVersion();
		if (version != null) {
			builder.setInstrumentationVersion(version);
		}
		return builder.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "distrace.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(OpenTelemetry.class)
	static class SdkConfiguration {

		SdkConfiguration() {
			SupportedVersions.checkOpenTelemetry();
		}

		@Bean
		@ConditionalOnMissingBean
		Resource distraceResource(DistraceProperties properties, Environment environment) {
			return SdkComponents.resource(properties, environment);
		}

		@Bean
		@ConditionalOnMissingBean
		Sampler distraceSampler(DistraceProperties properties) {
			return SdkComponents.sampler(properties.getSampler());
		}

		@Bean
		@ConditionalOnMissingBean
		SpanLimits distraceSpanLimits(DistraceProperties properties) {
			return SdkComponents.spanLimits(properties.getLimits());
		}

		@Bean
		@ConditionalOnMissingBean
		ContextPropagators distraceContextPropagators(DistraceProperties properties) {
			return SdkComponents.propagators(properties.getPropagation());
		}

		@Bean
		SpanExportStatistics distraceSpanExportStatistics() {
			return new SpanExportStatistics();
		}

		@Bean
		DroppedSpanReporter distraceDroppedSpanReporter(SpanExportStatistics statistics,
				DistraceProperties properties) {
			DroppedSpanLogging.demoteToDebug();
			return new DroppedSpanReporter(statistics, properties.getBatch().getMaxQueueSize());
		}

		// Shut down with the SDK, within the bound; see BoundedSdkShutdown.
		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		BatchSpanProcessor distraceBatchSpanProcessor(DistraceProperties properties,
				SpanExportStatistics statistics, DroppedSpanReporter droppedSpanReporter,
				ObjectProvider<SpanExporter> userExporters) {
			List<SpanExporter> exporters = new ArrayList<>(
					new SpanExporterFactory(properties, statistics.meterProvider()).createExporters());
			userExporters.orderedStream().forEach(exporters::add);
			DistraceProperties.Batch batch = properties.getBatch();
			SpanExporter exporter = new DropReportingSpanExporter(SpanExporter.composite(exporters),
					droppedSpanReporter);
			return BatchProcessorTelemetry.latest(BatchSpanProcessor.builder(exporter)
				.setMaxQueueSize(batch.getMaxQueueSize())
				.setMaxExportBatchSize(batch.getMaxExportBatchSize())
				.setScheduleDelay(batch.getScheduleDelay())
				.setExporterTimeout(batch.getExportTimeout())
				.setMeterProvider(statistics.meterProvider()))
				.build();
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		SdkTracerProvider distraceTracerProvider(Resource resource, Sampler sampler, SpanLimits spanLimits,
				BatchSpanProcessor exportProcessor, ObjectProvider<SpanProcessor> processors,
				ObjectProvider<DistraceTracerProviderCustomizer> customizers) {
			SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
				.setResource(resource)
				.setSampler(sampler)
				.setSpanLimits(spanLimits);
			// User processors first, so that what they add to a span at its end is exported.
			processors.orderedStream().filter((processor) -> processor != exportProcessor)
				.forEach(builder::addSpanProcessor);
			builder.addSpanProcessor(exportProcessor);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean(destroyMethod = "")
		OpenTelemetrySdk distraceOpenTelemetry(SdkTracerProvider tracerProvider, ContextPropagators propagators) {
			return OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).setPropagators(propagators).build();
		}

		@Bean
		BoundedSdkShutdown distraceSdkShutdown(OpenTelemetrySdk openTelemetry, SpanExportStatistics statistics,
				DroppedSpanReporter droppedSpanReporter, DistraceProperties properties) {
			return new BoundedSdkShutdown(openTelemetry, statistics, droppedSpanReporter,
					properties.getShutdownTimeout());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class SpanExportMetricsConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SpanExportMeterBinder distraceSpanExportMeterBinder(SpanExportStatistics statistics) {
				return new SpanExportMeterBinder(statistics);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "distrace.enabled", havingValue = false)
	static class DisabledConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenTelemetry distraceNoopOpenTelemetry() {
			return OpenTelemetry.noop();
		}

	}

}
