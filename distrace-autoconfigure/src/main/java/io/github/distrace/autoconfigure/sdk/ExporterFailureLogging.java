package io.github.distrace.autoconfigure.sdk;

import java.util.logging.Level;

/**
 * Turns the OTLP exporters' failure reports into single WARN lines. OpenTelemetry already
 * throttles them (a few a minute), but logs a refused connection as SEVERE with a full
 * stack trace, which reads like an application failure when a collector is merely down.
 *
 * @author distrace
 */
final class ExporterFailureLogging {

	// The exporter classes moved in OpenTelemetry 1.63: both names are covered.
	private static final JulLoggerDemotion EXPORTER_LOGGERS = new JulLoggerDemotion(Level.WARNING, " ",
			"io.opentelemetry.exporter.internal.http.HttpExporter",
			"io.opentelemetry.exporter.internal.grpc.GrpcExporter",
			"io.opentelemetry.exporter.otlp.internal.HttpExporter",
			"io.opentelemetry.exporter.otlp.internal.GrpcExporter");

	private ExporterFailureLogging() {
	}

	/**
	 * Demote the exporters' loggers, unless the application has set its own filters.
	 */
	static void demoteToSingleLineWarnings() {
		EXPORTER_LOGGERS.install();
	}

}
