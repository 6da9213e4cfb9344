package io.github.distrace.autoconfigure.sdk;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Lowers the records of some OpenTelemetry {@code java.util.logging} loggers to at most a
 * given level, and folds their stack trace into a single line. Applied to a logger only
 * when the application has not set a filter of its own on it.
 *
 * @author distrace
 */
final class JulLoggerDemotion {

	// Held strongly: JUL keeps loggers weakly, and the filter must outlive a GC before the
	// classes that log through them are loaded.
	private final List<Logger> loggers;

	private final Level ceiling;

	private final String causeSeparator;

	JulLoggerDemotion(Level ceiling, String causeSeparator, String... loggerNames) {
		this.loggers = Arrays.stream(loggerNames).map(Logger::getLogger).toList();
		this.ceiling = ceiling;
		this.causeSeparator = causeSeparator;
	}

	/**
	 * Install the filter on every logger that has none.
	 */
	void install() {
		for (Logger logger : this.loggers) {
			if (logger.getFilter() == null) {
				logger.setFilter(this::demote);
			}
		}
	}

	private boolean demote(LogRecord record) {
		if (record.getLevel().intValue() > this.ceiling.intValue()) {
			record.setLevel(this.ceiling);
		}
		Throwable thrown = record.getThrown();
		if (thrown != null) {
			record.setMessage(record.getMessage() + this.causeSeparator + describe(thrown));
			record.setThrown(null);
		}
		return true;
	}

	private static String describe(Throwable thrown) {
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
