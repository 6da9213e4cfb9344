package io.github.distrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.distrace.autoconfigure.sdk.sampling.KeepRules;
import io.github.distrace.autoconfigure.sdk.sampling.RecordingSampler;
import io.github.distrace.autoconfigure.sdk.sampling.TailSamplingSpanProcessor;
import io.github.distrace.autoconfigure.sdk.sampling.TailSamplingStatistics;
import io.github.distrace.autoconfigure.sdk.env.OtlpHeaderSanitizingFunction;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the OpenTelemetry SDK from {@code distrace.*} properties. Runs
 * before Spring Boot's own OpenTelemetry auto-configuration, whose beans then back off,
 * so that one SDK is built and every span is exported once. With
 * {@code distrace.enabled=false} it defines no {@link OpenTelemetry} or {@link Tracer} of
 * its own, so that another provider (Spring Boot's starter, OpenTelemetry's own) sets up
 * tracing as if distrace were absent.
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
	@ConditionalOnDistraceEnabled
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
	@ConditionalOnDistraceEnabled
	@ConditionalOnMissingBean(OpenTelemetry.class)
	static class SdkConfiguration {

		SdkConfiguration() {
			SupportedVersions.checkOpenTelemetry();
		}

		@Bean
		@ConditionalOnMissingBean
		Resource distraceResource(DistraceProperties properties, Environment environment,
				ObjectProvider<BuildProperties> buildProperties) {
			return SdkComponents.resource(properties, environment, buildProperties.getIfAvailable());
		}

		// Built once, for the two that must always agree: the sampler that records what
		// the head drops, and the tail decision that keeps or drops it.
		@Bean
		KeepRules distraceKeepRules(DistraceProperties properties) {
			return SdkComponents.keepRules(properties.getSampler());
		}

		@Bean
		@ConditionalOnMissingBean
		Sampler distraceSampler(DistraceProperties properties, KeepRules keepRules) {
			Sampler head = SdkComponents.sampler(properties.getSampler());
			// With a keep rule on, what the head sampler drops is recorded for the tail
			// decision.
			return keepRules.any() ? new RecordingSampler(head) : head;
		}

		@Bean
		TailSamplingStatistics distraceTailSamplingStatistics() {
			return new TailSamplingStatistics();
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
		ExportOutcomes distraceExportOutcomes(DistraceProperties properties) {
			return new ExportOutcomes(properties.getOtlp().getHeaders().values());
		}

		@Bean
		SpanStartCounter distraceSpanStartCounter() {
			return new SpanStartCounter();
		}

		@Bean
		ExportThreadsCpu distraceExportThreadsCpu() {
			return new ExportThreadsCpu();
		}

		@Bean
		DroppedSpanReporter distraceDroppedSpanReporter(SpanExportStatistics statistics,
				TailSamplingStatistics tailStatistics, DistraceProperties properties) {
			OpenTelemetryLoggers.demoteDroppedSpanReports();
			return new DroppedSpanReporter(statistics, tailStatistics, properties);
		}

		// Shut down with the SDK, within the bound; see BoundedSdkShutdown.
		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		BatchSpanProcessor distraceBatchSpanProcessor(DistraceProperties properties, SpanExportStatistics statistics,
				DroppedSpanReporter droppedSpanReporter, ExportOutcomes outcomes, ExportThreadsCpu exportCpu,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<SpanExporter> userExporters) {
			List<SpanExporter> exporters = new ArrayList<>(new SpanExporterFactory(properties,
					statistics.meterProvider(), sslBundles.getIfAvailable(), outcomes)
				.createExporters());
			userExporters.orderedStream().forEach(exporters::add);
			DistraceProperties.Batch batch = properties.getBatch();
			SpanExporter exporter = new DropReportingSpanExporter(exportCpu.measure(SpanExporter.composite(exporters)),
					droppedSpanReporter);
			return BatchProcessorTelemetry
				.latest(BatchSpanProcessor.builder(exporter)
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
				ObjectProvider<DistraceTracerProviderCustomizer> customizers, KeepRules keepRules,
				TailSamplingStatistics tailStatistics, DroppedSpanReporter droppedSpanReporter,
				SpanStartCounter startCounter) {
			SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
				.setResource(resource)
				.setSampler(sampler)
				.setSpanLimits(spanLimits);
			// User processors first, so that what they add to a span at its end is
			// exported.
			List<SpanProcessor> stages = new ArrayList<>();
			processors.orderedStream().filter((processor) -> processor != exportProcessor).forEach(stages::add);
			TailSamplingSpanProcessor tailDecision = tailDecision(exportProcessor, keepRules, tailStatistics,
					droppedSpanReporter);
			stages.add((tailDecision != null) ? tailDecision : exportProcessor);
			UnaryOperator<ReadableSpan> decide = (tailDecision != null) ? tailDecision::decide
					: UnaryOperator.identity();
			builder.addSpanProcessor(new DistraceSpanProcessor(startCounter, stages, decide));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		/**
		 * The tail decision in front of the export processor, when a keep rule is on;
		 * both last, so that they see what every other processor added to a span as it
		 * ended (the N+1 flag among them). Kept spans reach the export processor as
		 * sampled, so that a user's own {@link BatchSpanProcessor}, built with its
		 * defaults, exports them too.
		 */
		private static @Nullable TailSamplingSpanProcessor tailDecision(BatchSpanProcessor exportProcessor,
				KeepRules rules, TailSamplingStatistics statistics, DroppedSpanReporter droppedSpanReporter) {
			if (!rules.any()) {
				return null;
			}
			// Spans are given up on threads that serve requests.
			return new TailSamplingSpanProcessor(exportProcessor, rules, statistics, droppedSpanReporter::reportSoon);
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
			SpanExportMeterBinder distraceSpanExportMeterBinder(SpanExportStatistics statistics,
					TailSamplingStatistics tailStatistics) {
				return new SpanExportMeterBinder(statistics, tailStatistics);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HealthIndicator.class)
		@ConditionalOnEnabledHealthIndicator("distrace")
		static class HealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "distraceHealthIndicator")
			DistraceHealthIndicator distraceHealthIndicator(SpanExportStatistics statistics, ExportOutcomes outcomes) {
				return new DistraceHealthIndicator(statistics, outcomes);
			}

		}

		// The class named: without the actuator's auto-configuration, the annotation
		// below would be left unread, and the endpoint would be made for no one.
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition."
				+ "ConditionalOnAvailableEndpoint")
		@ConditionalOnAvailableEndpoint(DistraceEndpoint.class)
		static class EndpointConfiguration {

			@Bean
			@ConditionalOnMissingBean
			DistraceEndpoint distraceEndpoint(DistraceProperties properties, SpanExportStatistics statistics,
					TailSamplingStatistics tailStatistics, ExportOutcomes outcomes, SpanStartCounter startCounter,
					ExportThreadsCpu exportCpu, BeanFactory beanFactory) {
				return new DistraceEndpoint(properties, statistics, tailStatistics, outcomes, startCounter, exportCpu,
						beanFactory);
			}

		}

	}

	// Not tied to distrace.enabled: header values are secrets whoever reads them.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OtlpHeaderSanitizingFunction distraceOtlpHeaderSanitizingFunction() {
			return new OtlpHeaderSanitizingFunction();
		}

	}

}
