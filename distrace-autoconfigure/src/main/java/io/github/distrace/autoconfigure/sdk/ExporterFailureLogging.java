package io.github.distrace.autoconfigure.sdk;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Turns the OTLP exporters' failure reports into single WARN lines. OpenTelemetry already
 * throttles them (a few a minute), but logs a refused connection as SEVERE with a full
 * stack trace, which reads like an application failure when a collector is merely down.
 *
 * @author distrace
 */
final class ExporterFailureLogging {

	// Held strongly: JUL keeps loggers weakly, and the filter must outlive a GC before the
	// exporter classes are loaded. The classes moved in OpenTelemetry 1.63.
	private static final List<Logger> EXPORTER_LOGGERS = List.of(
			Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter"),
			Logger.getLogger("io.opentelemetry.exporter.internal.grpc.GrpcExporter"),
			Logger.getLogger("io.opentelemetry.exporter.otlp.internal.HttpExporter"),
			Logger.getLogger("io.opentelemetry.exporter.otlp.internal.GrpcExporter"));

	private ExporterFailureLogging() {
	}

	/**
	 * Install the filter on the exporters' loggers, unless the application has set its own.
	 */
	static void demoteToSingleLineWarnings() {
		for (Logger logger : EXPORTER_LOGGERS) {
			if (logger.getFilter() == null) {
				logger.setFilter(ExporterFailureLogging::demote);
			}
		}
	}

	private static boolean demote(LogRecord record) {
		if (record.getLevel().intValue() > Level.WARNING.intValue()) {
			record.setLevel(Level.WARNING);
		}
		Throwable thrown = record.getThrown();
		if (thrown != null) {
			record.setMessage(record.getMessage() + " " + describe(thrown));
			record.setThrown(null);
		}
		return true;
	}

	static String describe(Throwable thrown) {
		StringBuilder description = new StringBuilder();
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			description.append((description.length() > 0) ? " caused by " : "").append(cause);
			if (cause.getCause() == cause) {
				break;
			}
		}
		return description.toString();
	}

}
