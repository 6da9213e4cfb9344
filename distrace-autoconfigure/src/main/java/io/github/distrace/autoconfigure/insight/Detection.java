package io.github.distrace.autoconfigure.insight;

import org.jspecify.annotations.Nullable;

/**
 * An N+1 found below a span: one statement run {@code count} times.
 *
 * @param spanName the span it ran below
 * @param statement the statement's text
 * @param summary the statement's summary, or {@code null}
 * @param system the database's {@code db.system.name}, or {@code null}
 * @param count how many times it ran
 * @param nanos how long it took in all
 * @author distrace
 */
record Detection(String spanName, String statement, @Nullable String summary, @Nullable String system, long count,
		long nanos) {

	double millis() {
		return this.nanos / 1_000_000.0;
	}

}
