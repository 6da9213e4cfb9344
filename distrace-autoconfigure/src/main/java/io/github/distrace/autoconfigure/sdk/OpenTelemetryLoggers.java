package io.github.distrace.autoconfigure.sdk;

import java.util.logging.Level;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * The OpenTelemetry loggers whose records distrace tones down, each only when the
 * application has set no filter of its own on that logger.
 *
 * @author distrace
 */
final class OpenTelemetryLoggers {

	// Since 1.62 the batch processor logs a WARNING before each export that follows
	// dropped
	// spans: under sustained overload several lines a second (about a hundred in 25 s in
	// the load test). DroppedSpanReporter already reports drops at most once a minute.
	private static final JulLoggerDemotion DROPPED_SPANS = new JulLoggerDemotion(Level.FINE, ": ",
			BatchSpanProcessor.class.getName())
		.onlyMessagesStartingWith("BatchSpanProcessor dropped");

	// OpenTelemetry throttles its exporters' failure reports already (a few a minute),
	// but
	// logs a refused connection as SEVERE with a full stack trace, which reads like an
	// application failure when a collector is merely down. The exporter classes moved in
	// OpenTelemetry 1.63: both names are covered.
	private static final JulLoggerDemotion EXPORTER_FAILURES = new JulLoggerDemotion(Level.WARNING, " ",
			"io.opentelemetry.exporter.internal.http.HttpExporter",
			"io.opentelemetry.exporter.internal.grpc.GrpcExporter",
			"io.opentelemetry.exporter.otlp.internal.HttpExporter",
			"io.opentelemetry.exporter.otlp.internal.GrpcExporter");

	// Newer OpenTelemetry versions log each invalid baggage member of a caller's headers
	// as
	// a WARNING with a stack trace: one line per request that anyone can send.
	private static final JulLoggerDemotion MALFORMED_PROPAGATION_HEADERS = new JulLoggerDemotion(Level.FINE, ": ",
			"io.opentelemetry.api.baggage.propagation.Parser",
			"io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator",
			"io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator",
			"io.opentelemetry.extension.trace.propagation.B3PropagatorExtractorMultipleHeaders",
			"io.opentelemetry.extension.trace.propagation.B3PropagatorExtractorSingleHeader",
			"io.opentelemetry.extension.trace.propagation.JaegerPropagator");

	private OpenTelemetryLoggers() {
	}

	/**
	 * Demote the batch processor's reports of dropped spans to FINE (DEBUG); its other
	 * records, such as an exporter that threw, keep their level.
	 */
	static void demoteDroppedSpanReports() {
		DROPPED_SPANS.install();
	}

	/**
	 * Turn the OTLP exporters' failure reports into single-line WARNINGs.
	 */
	static void demoteExporterFailures() {
		EXPORTER_FAILURES.install();
	}

	/**
	 * Demote the propagators' reports of malformed headers to FINE (DEBUG), without their
	 * stack traces, so that they show only when asked for.
	 */
	static void demoteMalformedPropagationHeaders() {
		MALFORMED_PROPAGATION_HEADERS.install();
	}

}
