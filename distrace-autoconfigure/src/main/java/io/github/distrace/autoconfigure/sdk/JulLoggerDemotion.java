package io.github.distrace.autoconfigure.sdk;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Lowers the records of some OpenTelemetry {@code java.util.logging} loggers to at most a
 * given level, and folds their stack trace into a single line; all their records, or only
 * those whose message starts with a given text. Applied to a logger only when the
 * application has not set a filter of its own on it.
 *
 * @author distrace
 */
final class JulLoggerDemotion {

	// Held strongly: JUL keeps loggers weakly, and the filter must outlive a GC before
	// the classes that log through them are loaded.
	private final List<Logger> loggers;

	private final Level ceiling;

	private final String causeSeparator;

	private final String messagePrefix;

	JulLoggerDemotion(Level ceiling, String causeSeparator, String... loggerNames) {
		this(Arrays.stream(loggerNames).map(Logger::getLogger).toList(), ceiling, causeSeparator, "");
	}

	private JulLoggerDemotion(List<Logger> loggers, Level ceiling, String causeSeparator, String messagePrefix) {
		this.loggers = loggers;
		this.ceiling = ceiling;
		this.causeSeparator = causeSeparator;
		this.messagePrefix = messagePrefix;
	}

	/**
	 * Return a demotion of the same loggers that leaves every record alone whose message
	 * does not start with the given text.
	 * @param prefix the start of the messages to demote
	 * @return the narrower demotion
	 */
	JulLoggerDemotion onlyMessagesStartingWith(String prefix) {
		return new JulLoggerDemotion(this.loggers, this.ceiling, this.causeSeparator, prefix);
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
		String message = record.getMessage();
		// Without a prefix every record is demoted, one without a message included.
		if (!this.messagePrefix.isEmpty() && (message == null || !message.startsWith(this.messagePrefix))) {
			return true;
		}
		if (record.getLevel().intValue() > this.ceiling.intValue()) {
			record.setLevel(this.ceiling);
		}
		Throwable thrown = record.getThrown();
		if (thrown != null) {
			record.setMessage(message + this.causeSeparator + describe(thrown));
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
