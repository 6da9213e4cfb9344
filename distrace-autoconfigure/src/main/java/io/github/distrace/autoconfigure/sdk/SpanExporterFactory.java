package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Builds the exporters listed in {@code distrace.exporter}.
 *
 * @author distrace
 */
final class SpanExporterFactory {

	static final String TRACES_PATH = "/v1/traces";

	private final DistraceProperties properties;

	private final MeterProvider meterProvider;

	SpanExporterFactory(DistraceProperties properties, MeterProvider meterProvider) {
		this.properties = properties;
		this.meterProvider = meterProvider;
	}

	List<SpanExporter> createExporters() {
		List<SpanExporter> exporters = new ArrayList<>();
		for (ExporterType type : new LinkedHashSet<>(this.properties.getExporter())) {
			switch (type) {
				case OTLP -> exporters.add(otlp(this.properties.getOtlp()));
				case JAEGER -> exporters.add(jaeger(this.properties.getJaeger()));
				case LOGGING -> exporters.add(new LogLineSpanExporter());
				case NONE -> {
				}
			}
		}
		return exporters;
	}

	private SpanExporter otlp(DistraceProperties.Otlp otlp) {
		ExporterFailureLogging.demoteToSingleLineWarnings();
		String tracesEndpoint = otlp.getTracesEndpoint();
		String endpoint = (tracesEndpoint != null) ? tracesEndpoint.strip() : otlp.getEffectiveEndpoint().strip();
		String compression = otlp.getCompression().toString();
		if (otlp.getProtocol() == OtlpProtocol.GRPC) {
			OtlpGrpcSpanExporterBuilder builder = grpc(endpoint, otlp.getTimeout()).setCompression(compression);
			otlp.getHeaders().forEach(builder::addHeader);
			return builder.build();
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint((tracesEndpoint != null) ? endpoint : tracesUrl(endpoint))
			.setTimeout(otlp.getTimeout())
			.setCompression(compression)
			.setMeterProvider(this.meterProvider)
			.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST);
		otlp.getHeaders().forEach(builder::addHeader);
		return builder.build();
	}

	private SpanExporter jaeger(DistraceProperties.Jaeger jaeger) {
		ExporterFailureLogging.demoteToSingleLineWarnings();
		return grpc(jaeger.getEndpoint().strip(), jaeger.getTimeout()).build();
	}

	private OtlpGrpcSpanExporterBuilder grpc(String endpoint, Duration timeout) {
		return OtlpGrpcSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(timeout)
			.setMeterProvider(this.meterProvider)
			.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST);
	}

	/**
	 * Return the URL spans are posted to: the base URL plus {@code /v1/traces}, unless the
	 * user already gave the full URL.
	 */
	static String tracesUrl(String endpoint) {
		String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
		return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
	}

}
