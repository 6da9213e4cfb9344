package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * The spans of the local roots most recently kept or given up, by span id, so that a span
 * that starts below one of them after it ended (work handed to another thread and started
 * late) follows its local root too: it is exported, or dropped and counted. A span not
 * found here, and no longer followed, belongs to a local root that was dropped (unknown
 * means dropped anyway, so those are not remembered) or decided so long ago that it was
 * forgotten, the oldest first.
 *
 * @author distrace
 */
final class RecentDecisions {

	private final Map<String, LocalRoot> spans;

	RecentDecisions(int capacity) {
		this.spans = new LinkedHashMap<>(capacity * 4 / 3 + 1) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, LocalRoot> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized void remember(String spanId, LocalRoot root) {
		this.spans.put(spanId, root);
	}

	synchronized void remember(List<ReadableSpan> spans, LocalRoot root) {
		for (ReadableSpan span : spans) {
			this.spans.put(span.getSpanContext().getSpanId(), root);
		}
	}

	synchronized @Nullable LocalRoot localRootOf(String spanId) {
		return this.spans.get(spanId);
	}

}
