package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.distrace.autoconfigure.sdk.sampling.KeepReason;
import io.github.distrace.autoconfigure.sdk.sampling.TailSamplingStatistics;
import io.github.distrace.autoconfigure.sdk.ExportOutcomes.Outcome;
import io.github.distrace.autoconfigure.sdk.internal.RequestTracingCpu;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code distrace} actuator endpoint: the effective configuration, what happened to
 * the spans, and what tracing costs this application, measured in it. Its shape is
 * documented in docs/production.md; keys are only ever added.
 *
 * @author distrace
 */
@Endpoint(id = "distrace")
final class DistraceEndpoint {

	/**
	 * The instrumentation that each of distrace's auto-configurations adds, by the bean
	 * name Spring Boot gives an auto-configuration: read by name, so that the SDK's
	 * package imports no feature.
	 */
	private static final Map<String, String> INSTRUMENTATION = instrumentation();

	private final DistraceProperties properties;

	private final SpanExportStatistics statistics;

	private final TailSamplingStatistics tailStatistics;

	private final ExportOutcomes outcomes;

	private final SpanStartCounter startCounter;

	private final ExportThreadsCpu exportCpu;

	private final BeanFactory beanFactory;

	DistraceEndpoint(DistraceProperties properties, SpanExportStatistics statistics,
			TailSamplingStatistics tailStatistics, ExportOutcomes outcomes, SpanStartCounter startCounter,
			ExportThreadsCpu exportCpu, BeanFactory beanFactory) {
		this.properties = properties;
		this.statistics = statistics;
		this.tailStatistics = tailStatistics;
		this.outcomes = outcomes;
		this.startCounter = startCounter;
		this.exportCpu = exportCpu;
		this.beanFactory = beanFactory;
	}

	@ReadOperation
	Map<String, Object> distrace() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("configuration", configuration());
		body.put("exporter", exporter());
		body.put("overhead", overhead());
		return body;
	}

	private Map<String, Object> configuration() {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("exporters", exporters());
		DistraceProperties.Sampler sampler = this.properties.getSampler();
		Map<String, Object> samplerDetails = new LinkedHashMap<>();
		samplerDetails.put("type", sampler.getType().toString());
		samplerDetails.put("ratio", sampler.getRatio());
		DistraceProperties.Keep keep = sampler.getKeep();
		Map<String, Object> keepRules = new LinkedHashMap<>();
		keepRules.put("errors", keep.isErrors());
		keepRules.put("slowerThan", (keep.getSlowerThan() != null) ? text(keep.getSlowerThan()) : null);
		keepRules.put("nPlusOne", keep.isNPlusOne());
		samplerDetails.put("keep", keepRules);
		configuration.put("sampler", samplerDetails);
		configuration.put("propagation", this.properties.getPropagation().stream().map(Object::toString).toList());
		configuration.put("instrumented",
				INSTRUMENTATION.entrySet()
					.stream()
					.filter((feature) -> this.beanFactory.containsBean(feature.getKey()))
					.map(Map.Entry::getValue)
					.toList());
		return configuration;
	}

	private List<Map<String, Object>> exporters() {
		List<Map<String, Object>> exporters = new ArrayList<>();
		List<Outcome> tracked = this.outcomes.outcomes();
		for (ExporterType type : this.properties.getExporter()) {
			Map<String, Object> exporter = new LinkedHashMap<>();
			exporter.put("type", type.toString());
			tracked.stream()
				.filter((outcome) -> outcome.name().equals(type.toString()))
				.findFirst()
				.ifPresent((outcome) -> exporter.put("endpoint", outcome.endpoint()));
			if (type == ExporterType.OTLP) {
				DistraceProperties.Otlp otlp = this.properties.getOtlp();
				exporter.put("protocol", otlp.getProtocol().toString());
				exporter.put("compression", otlp.getCompression().toString());
				Map<String, String> headers = new LinkedHashMap<>();
				otlp.getHeaders().keySet().forEach((name) -> headers.put(name, ExportOutcomes.MASK));
				exporter.put("headers", headers);
			}
			exporters.add(exporter);
		}
		return exporters;
	}

	private Map<String, Object> exporter() {
		Map<String, Object> exporter = new LinkedHashMap<>();
		exporter.put("started", this.startCounter.started());
		exporter.put("exported", this.statistics.exportedSpans());
		exporter.put("failed", this.statistics.failedSpans());
		Map<String, Long> dropped = new LinkedHashMap<>();
		for (DropReason reason : DropReason.values()) {
			dropped.put(reason.value(), reason.count(this.statistics, this.tailStatistics));
		}
		exporter.put("dropped", dropped);
		Map<String, Long> kept = new LinkedHashMap<>();
		for (KeepReason reason : KeepReason.values()) {
			kept.put(reason.value(), this.tailStatistics.keptTraces(reason));
		}
		exporter.put("kept", kept);
		return exporter;
	}

	private Map<String, Object> overhead() {
		RequestTracingCpu.Snapshot requests = RequestTracingCpu.snapshot();
		Map<String, Object> requestThreads = new LinkedHashMap<>();
		requestThreads.put("requests", requests.requests());
		requestThreads.put("measuredRequests", requests.measuredRequests());
		requestThreads.put("cpuNanosPerRequest", requests.cpuNanosPerRequest());
		Map<String, Object> exportThreads = new LinkedHashMap<>();
		long spans = this.exportCpu.spans();
		long cpuNanos = this.exportCpu.cpuNanos();
		exportThreads.put("exportedSpans", spans);
		exportThreads.put("cpuNanos", (cpuNanos >= 0) ? cpuNanos : null);
		exportThreads.put("cpuNanosPerSpan", (cpuNanos >= 0 && spans > 0) ? cpuNanos / spans : null);
		Map<String, Object> overhead = new LinkedHashMap<>();
		overhead.put("requestThreads", requestThreads);
		overhead.put("exportThreads", exportThreads);
		return overhead;
	}

	// As it would be written in the property: 10s, 500ms.
	private static String text(Duration duration) {
		ChronoUnit unit = (duration.toNanos() % 1_000_000_000 == 0) ? ChronoUnit.SECONDS
				: (duration.toNanos() % 1_000_000 == 0) ? ChronoUnit.MILLIS : ChronoUnit.NANOS;
		return DurationStyle.SIMPLE.print(duration, unit);
	}

	private static Map<String, String> instrumentation() {
		String prefix = "io.github.distrace.autoconfigure.";
		Map<String, String> features = new LinkedHashMap<>();
		features.put(prefix + "web.DistraceWebServerAutoConfiguration", "web");
		features.put(prefix + "web.reactive.DistraceWebFluxServerAutoConfiguration", "webflux");
		features.put(prefix + "web.DistraceWebClientAutoConfiguration", "web-client");
		features.put(prefix + "jdbc.DistraceJdbcAutoConfiguration", "jdbc");
		features.put(prefix + "redis.DistraceRedisAutoConfiguration", "redis");
		features.put(prefix + "messaging.DistraceKafkaAutoConfiguration", "kafka");
		features.put(prefix + "messaging.DistraceRabbitAutoConfiguration", "rabbitmq");
		features.put(prefix + "aspect.DistraceAspectAutoConfiguration", "traced-methods");
		features.put(prefix + "ui.DistraceUiAutoConfiguration", "viewer");
		return features;
	}

}
