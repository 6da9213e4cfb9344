package io.github.distrace.autoconfigure.sampling;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * When a trace the head sampler did not sample is exported anyway.
 *
 * @param errors keep it if one of its spans here ended in error
 * @param slowerThan keep it if its local root lasted at least this long, or {@code null}
 * @param nPlusOne keep it if an N+1 was found in it
 * @param maxBufferedSpans how many spans of undecided traces are held at most
 * @param maxDuration how long a local trace is held at most, waiting for its root to end
 * @author distrace
 */
public record KeepRules(boolean errors, @Nullable Duration slowerThan, boolean nPlusOne, int maxBufferedSpans,
		Duration maxDuration) {

	/**
	 * Return whether any rule can keep a trace, so that unsampled traces must be recorded.
	 * @return whether any rule is on
	 */
	public boolean any() {
		return this.errors || this.slowerThan != null || this.nPlusOne;
	}

}
