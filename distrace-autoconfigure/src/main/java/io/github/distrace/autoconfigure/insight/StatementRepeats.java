package io.github.distrace.autoconfigure.insight;

import org.jspecify.annotations.Nullable;

/**
 * How often one statement ran below one span, and for how long in all. Guarded by the
 * {@link LocalTrace} it belongs to.
 *
 * @author distrace
 */
final class StatementRepeats {

	private final String text;

	private final @Nullable String summary;

	private final @Nullable String system;

	private long count;

	private long nanos;

	// Reported below a span already, so that no span above reports it again.
	private boolean reported;

	StatementRepeats(String text, @Nullable String summary, @Nullable String system) {
		this.text = text;
		this.summary = summary;
		this.system = system;
	}

	void add(long nanos) {
		this.count++;
		this.nanos += nanos;
	}

	void addAll(StatementRepeats other) {
		this.count += other.count;
		this.nanos += other.nanos;
		this.reported |= other.reported;
	}

	/**
	 * Return whether these repeats are an N+1 not reported before, and mark them
	 * reported.
	 */
	boolean report(int threshold, long minNanos) {
		if (this.reported || this.count < threshold || this.nanos < minNanos) {
			return false;
		}
		this.reported = true;
		return true;
	}

	String text() {
		return this.text;
	}

	@Nullable String summary() {
		return this.summary;
	}

	@Nullable String system() {
		return this.system;
	}

	long count() {
		return this.count;
	}

	long nanos() {
		return this.nanos;
	}

}
