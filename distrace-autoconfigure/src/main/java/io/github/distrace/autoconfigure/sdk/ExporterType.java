package io.github.distrace.autoconfigure.sdk;

import java.util.Locale;

/**
 * Where finished spans are sent, as listed in {@code distrace.exporter}.
 *
 * @author distrace
 */
public enum ExporterType {

	/**
	 * OTLP to any OpenTelemetry backend, configured by {@code distrace.otlp.*}.
	 */
	OTLP,

	/**
	 * OTLP over gRPC to a Jaeger collector, configured by {@code distrace.jaeger.*}.
	 */
	JAEGER,

	/**
	 * One log line per span, for development.
	 */
	LOGGING,

	/**
	 * No built-in exporter; user {@code SpanExporter} beans still receive spans.
	 */
	NONE;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
