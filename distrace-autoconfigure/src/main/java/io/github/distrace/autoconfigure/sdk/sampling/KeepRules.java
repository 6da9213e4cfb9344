package io.github.distrace.autoconfigure.sdk.sampling;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * When the spans of a local root (a request, a message, a job) that the head sampler did
 * not sample are exported anyway, and how much is held while that is decided.
 *
 * @param errors keep it if one of its spans ended in error
 * @param slowerThan keep it if its local root lasted at least this long, or {@code null}
 * @param nPlusOne keep it if an N+1 was found in it
 * @param maxBufferedSpans how many spans of undecided local roots are held at most
 * @param maxMemoryBytes how many bytes the spans of undecided local roots may hold at
 * most, as estimated from their attributes, events and links
 * @param maxDuration how long a local root is waited for at most
 * @author distrace
 */
public record KeepRules(boolean errors, @Nullable Duration slowerThan, boolean nPlusOne, int maxBufferedSpans,
		long maxMemoryBytes, Duration maxDuration) {

	/**
	 * Return whether any rule can keep a local root, so that unsampled spans must be
	 * recorded.
	 * @return whether any rule is on
	 */
	public boolean any() {
		return this.errors || this.slowerThan != null || this.nPlusOne;
	}

}
