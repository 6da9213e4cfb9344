package io.github.distrace.autoconfigure.sdk;

import java.util.logging.Level;

/**
 * Keeps a caller's malformed propagation headers out of the application's log. Newer
 * OpenTelemetry versions log each invalid baggage member as a WARNING with a stack trace:
 * one line per request that anyone can send, thousands of times. The records are demoted
 * to FINE (DEBUG) and lose their stack trace, so they show only when asked for.
 *
 * @author distrace
 */
final class MalformedInputLogging {

	private static final JulLoggerDemotion PROPAGATION_LOGGERS = new JulLoggerDemotion(Level.FINE, ": ",
			"io.opentelemetry.api.baggage.propagation.Parser",
			"io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator",
			"io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator",
			"io.opentelemetry.extension.trace.propagation.B3PropagatorExtractorMultipleHeaders",
			"io.opentelemetry.extension.trace.propagation.B3PropagatorExtractorSingleHeader",
			"io.opentelemetry.extension.trace.propagation.JaegerPropagator");

	private MalformedInputLogging() {
	}

	/**
	 * Demote the propagators' loggers, unless the application has set its own filters.
	 */
	static void demoteToDebug() {
		PROPAGATION_LOGGERS.install();
	}

}
