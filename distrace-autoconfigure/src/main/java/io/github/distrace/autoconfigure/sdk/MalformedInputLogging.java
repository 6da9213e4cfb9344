package io.github.distrace.autoconfigure.sdk;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps a caller's malformed propagation headers out of the application's log. Newer
 * OpenTelemetry versions log each invalid baggage member as a WARNING with a stack trace:
 * one line per request that anyone can send, thousands of times. The records are demoted
 * to FINE (DEBUG) and lose their stack trace, so they show only when asked for.
 *
 * @author distrace
 */
final class MalformedInputLogging {

	// Held strongly: JUL keeps loggers weakly, and the filter must outlive a GC.
	private static final List<Logger> PROPAGATION_LOGGERS = List.of(
			Logger.getLogger("io.opentelemetry.api.baggage.propagation.Parser"),
			Logger.getLogger("io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator"),
			Logger.getLogger("io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator"),
			Logger.getLogger("io.opentelemetry.extension.trace.propagation.B3PropagatorExtractorMultipleHeaders"),
			Logger.getLogger("io.opentelemetry.extension.trace.propagation.B3PropagatorExtractorSingleHeader"),
			Logger.getLogger("io.opentelemetry.extension.trace.propagation.JaegerPropagator"));

	private MalformedInputLogging() {
	}

	/**
	 * Install the filter on the propagators' loggers, unless the application has set its
	 * own.
	 */
	static void demoteToDebug() {
		for (Logger logger : PROPAGATION_LOGGERS) {
			if (logger.getFilter() == null) {
				logger.setFilter(MalformedInputLogging::demote);
			}
		}
	}

	private static boolean demote(LogRecord record) {
		if (record.getLevel().intValue() > Level.FINE.intValue()) {
			record.setLevel(Level.FINE);
		}
		Throwable thrown = record.getThrown();
		if (thrown != null) {
			record.setMessage(record.getMessage() + ": " + ExporterFailureLogging.describe(thrown));
			record.setThrown(null);
		}
		return true;
	}

}
