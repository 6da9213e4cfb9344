package io.github.distrace.autoconfigure.sampling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decisions made for the most recent traces, so that a span ending after its trace
 * was decided (asynchronous work) follows the decision. Bounded: the oldest decision is
 * forgotten first, and a span of a forgotten trace is dropped.
 *
 * @author distrace
 */
final class RecentDecisions {

	private final Map<String, Boolean> decisions;

	RecentDecisions(int capacity) {
		this.decisions = new LinkedHashMap<>(capacity * 4 / 3 + 1) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized void decided(String traceId, boolean kept) {
		this.decisions.put(traceId, kept);
	}

	synchronized boolean isKept(String traceId) {
		return Boolean.TRUE.equals(this.decisions.get(traceId));
	}

}
