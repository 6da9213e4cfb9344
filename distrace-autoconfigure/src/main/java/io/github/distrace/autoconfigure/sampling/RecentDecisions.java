package io.github.distrace.autoconfigure.sampling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent traces kept, so that a span ending after its trace was kept
 * (asynchronous work) is exported too. A trace not found here was dropped, or kept so long
 * ago that it was forgotten (the oldest first): its late spans are dropped. Dropped traces
 * are not remembered, since that is what an unknown trace means anyway.
 *
 * @author distrace
 */
final class RecentDecisions {

	private final Map<String, Boolean> kept;

	RecentDecisions(int capacity) {
		this.kept = new LinkedHashMap<>(capacity * 4 / 3 + 1) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized void kept(String traceId) {
		this.kept.put(traceId, Boolean.TRUE);
	}

	synchronized boolean isKept(String traceId) {
		return this.kept.containsKey(traceId);
	}

}
