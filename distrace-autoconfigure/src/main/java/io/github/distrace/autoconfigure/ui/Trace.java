package io.github.distrace.autoconfigure.ui;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of one stored trace with its summary: the root span, the services, the time
 * span covered, whether any span failed, and its queries.
 *
 * @author distrace
 */
final class Trace {

	private final String traceId;

	private final List<StoredSpan> spans;

	private final int droppedSpans;

	private final StoredSpan root;

	private final long startEpochNanos;

	private final long endEpochNanos;

	Trace(String traceId, List<StoredSpan> spans, int droppedSpans) {
		this.traceId = traceId;
		this.spans = spans.stream().sorted(Comparator.comparingLong(StoredSpan::startEpochNanos)).toList();
		this.droppedSpans = droppedSpans;
		this.root = findRoot(this.spans);
		this.startEpochNanos = this.spans.get(0).startEpochNanos();
		this.endEpochNanos = this.spans.stream().mapToLong(StoredSpan::endEpochNanos).max().orElse(0);
	}

	// The true root may not have arrived yet (it ends last) or been sent elsewhere: then
	// the earliest span whose parent is missing stands for it.
	private static StoredSpan findRoot(List<StoredSpan> spans) {
		Set<String> ids = new HashSet<>();
		spans.forEach((span) -> ids.add(span.spanId()));
		StoredSpan orphan = null;
		for (StoredSpan span : spans) {
			if (span.isRoot()) {
				return span;
			}
			if (orphan == null && !ids.contains(span.parentSpanId())) {
				orphan = span;
			}
		}
		return (orphan != null) ? orphan : spans.get(0);
	}

	String traceId() {
		return this.traceId;
	}

	List<StoredSpan> spans() {
		return this.spans;
	}

	int droppedSpans() {
		return this.droppedSpans;
	}

	StoredSpan root() {
		return this.root;
	}

	boolean isComplete() {
		return this.root.isRoot();
	}

	long startEpochNanos() {
		return this.startEpochNanos;
	}

	long durationNanos() {
		return Math.max(0, this.endEpochNanos - this.startEpochNanos);
	}

	boolean hasError() {
		return this.spans.stream().anyMatch(StoredSpan::isError);
	}

	int queryCount() {
		return (int) this.spans.stream().filter(QuerySpans::isQuery).count();
	}

	// Summed, not wall-clock: queries that run in parallel each count in full.
	long queryNanos() {
		return this.spans.stream().filter(QuerySpans::isQuery).mapToLong(StoredSpan::durationNanos).sum();
	}

	/**
	 * Whether this trace reached the exporters: each span was sampled, or the tail
	 * decision kept its local root (which says why). The decision is made per local root,
	 * so of two requests of one upstream trace one may be kept and the other not; then
	 * the viewer is the only place the other can be seen.
	 */
	boolean isExported() {
		LocalRoots localRoots = new LocalRoots(this);
		return this.spans.stream()
			.allMatch((span) -> span.exported()
					|| localRoots.of(span).attributes().get(StoredSpan.SAMPLING_KEPT) != null);
	}

	boolean hasNPlusOne() {
		return this.spans.stream().anyMatch(QuerySpans::marksNPlusOne);
	}

	Set<String> services() {
		Set<String> services = new LinkedHashSet<>();
		services.add(this.root.service());
		this.spans.forEach((span) -> services.add(span.service()));
		return services;
	}

}
