package io.github.distrace.autoconfigure.sampling;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * The spans of one trace that the head sampler did not sample, held here until its local
 * root span ends. Guarded by its own lock; only the spans of one request take it.
 *
 * @author distrace
 */
final class UndecidedTrace {

	private final long startNanos;

	private final List<ReadableSpan> spans = new ArrayList<>();

	private int openRoots;

	private boolean error;

	private @Nullable KeepReason keptFor;

	private boolean closed;

	UndecidedTrace(long startNanos) {
		this.startNanos = startNanos;
	}

	long startNanos() {
		return this.startNanos;
	}

	synchronized void rootStarted() {
		this.openRoots++;
	}

	synchronized boolean hasError() {
		return this.error;
	}

	synchronized void keep(KeepReason reason) {
		if (this.keptFor == null) {
			this.keptFor = reason;
		}
	}

	/**
	 * Take an ended span.
	 * @param span the span
	 * @param error whether it ended in error
	 * @param root whether it is a local root
	 * @return what to do with the trace's spans now
	 */
	synchronized Outcome end(ReadableSpan span, boolean error, boolean root) {
		if (this.closed) {
			return Outcome.LATE;
		}
		this.error |= error;
		if (root) {
			this.openRoots--;
		}
		this.spans.add(span);
		boolean finished = this.openRoots <= 0;
		if (this.keptFor != null) {
			// Kept by a root that ended: what was held, and every span from now on, is exported.
			this.closed = finished;
			List<ReadableSpan> kept = drain();
			return new Outcome(kept, kept.size(), true, finished);
		}
		if (root && finished) {
			// Dropped: nothing to hand on, only the count leaves the buffer.
			this.closed = true;
			int held = this.spans.size();
			this.spans.clear();
			return new Outcome(List.of(), held, false, true);
		}
		return Outcome.HELD;
	}

	/**
	 * Give the trace up, when the buffer is full or its root never ended.
	 * @return how many spans it held, or -1 if it was kept or decided already
	 */
	synchronized int giveUp() {
		if (this.closed || this.keptFor != null) {
			return -1;
		}
		this.closed = true;
		int held = this.spans.size();
		this.spans.clear();
		return held;
	}

	private List<ReadableSpan> drain() {
		if (this.spans.isEmpty()) {
			return List.of();
		}
		List<ReadableSpan> drained = new ArrayList<>(this.spans);
		this.spans.clear();
		return drained;
	}

	/**
	 * What ending a span means for its trace.
	 *
	 * @param spans spans that leave the buffer to be exported; empty unless {@code kept}
	 * @param released how many spans leave the buffer, the ended one included
	 * @param kept whether they are to be exported
	 * @param finished whether the trace is decided and done here
	 */
	record Outcome(List<ReadableSpan> spans, int released, boolean kept, boolean finished) {

		static final Outcome HELD = new Outcome(List.of(), 0, false, false);

		static final Outcome LATE = new Outcome(List.of(), 0, false, false);

	}

}
