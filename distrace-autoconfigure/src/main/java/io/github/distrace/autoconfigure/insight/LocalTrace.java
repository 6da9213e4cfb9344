package io.github.distrace.autoconfigure.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * The part of one trace that this application records, from its local root span (the
 * server span, or the first span of a scheduled run or a message listener): its query
 * count and time in the database, and the N+1s found in it. Its lock guards the
 * {@link SpanNode}s and {@link StatementRepeats} below it too; only the spans of one
 * request take it, so it is hardly ever contended.
 *
 * @author distrace
 */
final class LocalTrace {

	private final ReadableSpan root;

	private final long startNanos = System.nanoTime();

	private long queryCount;

	private long queryNanos;

	private @Nullable List<Detection> detections;

	private boolean rootEnded;

	LocalTrace(ReadableSpan root) {
		this.root = root;
	}

	synchronized void query(SpanNode parent, @Nullable String text, ReadableSpan query, long nanos) {
		this.queryCount++;
		this.queryNanos += nanos;
		if (text != null) {
			parent.repeat(text, query, nanos);
		}
	}

	/**
	 * End a span of this trace.
	 * @return what was found below it
	 */
	synchronized List<Detection> end(SpanNode node, String spanName, int threshold, long minNanos) {
		List<Detection> found = node.end(spanName, threshold, minNanos);
		if (!found.isEmpty()) {
			if (this.detections == null) {
				this.detections = new ArrayList<>(found.size());
			}
			this.detections.addAll(found);
		}
		if (node.isLocalRoot()) {
			this.rootEnded = true;
		}
		return found;
	}

	synchronized long queryCount() {
		return this.queryCount;
	}

	synchronized long queryNanos() {
		return this.queryNanos;
	}

	synchronized List<Detection> detections() {
		return (this.detections != null) ? List.copyOf(this.detections) : List.of();
	}

	synchronized boolean isRootEnded() {
		return this.rootEnded;
	}

	ReadableSpan root() {
		return this.root;
	}

	long startNanos() {
		return this.startNanos;
	}

	/**
	 * The {@code Server-Timing} header value for this request so far, such as
	 * {@code db;dur=3.1;desc="4 queries", app;dur=12.0}.
	 */
	String serverTiming() {
		long count;
		long nanos;
		synchronized (this) {
			count = this.queryCount;
			nanos = this.queryNanos;
		}
		return String.format(Locale.ROOT, "db;dur=%.1f;desc=\"%d %s\", app;dur=%.1f", nanos / 1e6, count,
				(count == 1) ? "query" : "queries", this.root.getLatencyNanos() / 1e6);
	}

}
