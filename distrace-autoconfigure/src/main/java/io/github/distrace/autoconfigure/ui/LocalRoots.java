package io.github.distrace.autoconfigure.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local root of each span of one trace: the first span its service started for the
 * trace, found in stored data as the nearest ancestor (or the span itself) whose parent
 * is missing from the trace or belongs to another service. It names the endpoint a span
 * served, such as the server span of the request.
 *
 * @author distrace
 */
final class LocalRoots {

	private final Map<String, StoredSpan> byId;

	private final Map<String, StoredSpan> localRoots;

	LocalRoots(Trace trace) {
		List<StoredSpan> spans = trace.spans();
		this.byId = new HashMap<>(spans.size() * 2);
		spans.forEach((span) -> this.byId.put(span.spanId(), span));
		this.localRoots = new HashMap<>(spans.size() * 2);
	}

	/**
	 * Return the local root of a span of this trace.
	 * @param span the span
	 * @return its local root, possibly the span itself
	 */
	StoredSpan of(StoredSpan span) {
		StoredSpan known = this.localRoots.get(span.spanId());
		if (known != null) {
			return known;
		}
		StoredSpan current = span;
		// Bounded by the trace's size, so that a malformed trace whose parents loop ends.
		for (int steps = 0; steps < this.byId.size(); steps++) {
			StoredSpan parent = this.byId.get(current.parentSpanId());
			if (parent == null || parent == current || !parent.service().equals(current.service())) {
				break;
			}
			current = parent;
		}
		this.localRoots.put(span.spanId(), current);
		return current;
	}

	/**
	 * Whether a span is a local root.
	 * @param span a span of this trace
	 * @return whether it is its own local root
	 */
	boolean isLocalRoot(StoredSpan span) {
		return of(span) == span;
	}

}
