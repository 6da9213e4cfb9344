package io.github.distrace.autoconfigure.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * In-memory store of the most recent traces shown by the embedded viewer. Memory stays
 * flat: at most {@code maxTraces} traces and an estimated {@code maxBytes} bytes of spans
 * are kept, the traces that arrived first are dropped first, and at most
 * {@code maxSpansPerTrace} spans are kept per trace. Spans of one trace are grouped
 * whenever they arrive. Thread-safe, and adding a span never waits: the span is queued,
 * and whichever thread finds the store free moves the queue into it.
 *
 * @author distrace
 */
public final class TraceStore {

	/**
	 * Bytes of spans kept when no bound is given: {@code distrace.ui.max-memory}'s
	 * default.
	 */
	public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

	// Spans wait here only while another thread holds the lock; that thread, or the next
	// reader, moves them in. The bounds only matter if the store were stuck.
	private static final int MAX_PENDING = 65_536;

	private final ReentrantLock lock = new ReentrantLock();

	private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingCount = new AtomicInteger();

	private final AtomicLong pendingBytes = new AtomicLong();

	private final int maxTraces;

	private final int maxSpansPerTrace;

	private final long maxBytes;

	private final LinkedHashMap<String, Entry> traces;

	// Estimated bytes of every kept trace; guarded by the lock.
	private long bytes;

	/**
	 * Create a store that keeps at most 64 MB of spans ({@link #DEFAULT_MAX_BYTES}).
	 * @param maxTraces the maximum number of traces kept
	 * @param maxSpansPerTrace the maximum number of spans kept for one trace
	 */
	public TraceStore(int maxTraces, int maxSpansPerTrace) {
		this(maxTraces, maxSpansPerTrace, DEFAULT_MAX_BYTES);
	}

	/**
	 * Create a store.
	 * @param maxTraces the maximum number of traces kept
	 * @param maxSpansPerTrace the maximum number of spans kept for one trace
	 * @param maxBytes the maximum estimated size of the spans kept, in bytes
	 */
	public TraceStore(int maxTraces, int maxSpansPerTrace, long maxBytes) {
		if (maxTraces <= 0 || maxSpansPerTrace <= 0 || maxBytes <= 0) {
			throw new IllegalArgumentException("maxTraces, maxSpansPerTrace and maxBytes must be positive");
		}
		this.maxTraces = maxTraces;
		this.maxSpansPerTrace = maxSpansPerTrace;
		this.maxBytes = maxBytes;
		this.traces = new LinkedHashMap<>(16, 0.75f, false) {

			// Qualified: inside a LinkedHashMap, Java 25's compiler reads Entry as
			// Map.Entry.
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, TraceStore.Entry> eldest) {
				if (size() <= TraceStore.this.maxTraces) {
					return false;
				}
				TraceStore.this.bytes -= eldest.getValue().bytes;
				return true;
			}

		};
	}

	/**
	 * Add a finished span.
	 * @param span the span
	 */
	public void add(SpanData span) {
		StoredSpan stored = StoredSpan.of(span);
		add(stored, SpanSizes.of(stored, false));
	}

	/**
	 * Add spans received from another service. Internal: for the viewer's OTLP receiver.
	 * @param spans the spans, already redacted
	 */
	public void addAll(Collection<StoredSpan> spans) {
		spans.forEach((span) -> add(span, SpanSizes.of(span, true)));
	}

	private void add(StoredSpan span, long size) {
		int count = this.pendingCount.incrementAndGet();
		long queued = this.pendingBytes.addAndGet(size);
		// Checked against what was queued before, so that one large span still reaches
		// the store and is counted as dropped there.
		if (count > MAX_PENDING || queued - size > this.maxBytes) {
			this.pendingCount.decrementAndGet();
			this.pendingBytes.addAndGet(-size);
			return;
		}
		this.pending.add(new Pending(span, size));
		if (this.lock.tryLock()) {
			try {
				drain();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	// Called with the lock held.
	private void drain() {
		Pending next;
		while ((next = this.pending.poll()) != null) {
			this.pendingCount.decrementAndGet();
			this.pendingBytes.addAndGet(-next.bytes());
			keep(next);
		}
	}

	private void keep(Pending span) {
		Entry entry = this.traces.get(span.span().traceId());
		if (entry == null) {
			if (span.bytes() + SpanSizes.TRACE > this.maxBytes || !makeRoom(span.bytes() + SpanSizes.TRACE, null)) {
				return;
			}
			entry = new Entry();
			entry.add(span);
			this.traces.put(span.span().traceId(), entry);
			this.bytes += entry.bytes;
			return;
		}
		boolean full = entry.spans.size() >= this.maxSpansPerTrace;
		int displaced = full ? entry.displaceableBy(span.span()) : -1;
		if (full && displaced < 0) {
			entry.droppedSpans++;
			return;
		}
		long growth = span.bytes() - ((displaced >= 0) ? entry.spans.get(displaced).bytes() : 0);
		if (entry.bytes + growth > this.maxBytes || !makeRoom(growth, entry)) {
			entry.droppedSpans++;
			return;
		}
		if (displaced >= 0) {
			entry.remove(displaced);
			entry.droppedSpans++;
		}
		entry.add(span);
		this.bytes += growth;
	}

	// Drops the oldest traces but the one being added to until the bytes fit.
	private boolean makeRoom(long needed, @Nullable Entry keep) {
		Iterator<Entry> oldestFirst = this.traces.values().iterator();
		while (this.bytes + needed > this.maxBytes && oldestFirst.hasNext()) {
			Entry oldest = oldestFirst.next();
			if (oldest != keep) {
				oldestFirst.remove();
				this.bytes -= oldest.bytes;
			}
		}
		return this.bytes + needed <= this.maxBytes;
	}

	/**
	 * Return the number of traces currently kept.
	 * @return the number of traces
	 */
	public int size() {
		this.lock.lock();
		try {
			drain();
			return this.traces.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forget every trace.
	 */
	public void clear() {
		this.lock.lock();
		try {
			drain();
			this.traces.clear();
			this.bytes = 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	int maxTraces() {
		return this.maxTraces;
	}

	// The estimated size of what the store keeps, for the tests of its bound.
	long bytes() {
		this.lock.lock();
		try {
			drain();
			return this.bytes;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return a snapshot of every trace, in the order they arrived.
	 * @return the traces
	 */
	List<Trace> traces() {
		List<Trace> snapshot = new ArrayList<>();
		this.lock.lock();
		try {
			drain();
			this.traces.forEach((traceId, entry) -> snapshot.add(entry.snapshot(traceId)));
		}
		finally {
			this.lock.unlock();
		}
		return snapshot;
	}

	@Nullable Trace trace(String traceId) {
		this.lock.lock();
		try {
			drain();
			Entry entry = this.traces.get(traceId);
			return (entry != null) ? entry.snapshot(traceId) : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	private record Pending(StoredSpan span, long bytes) {

	}

	private static final class Entry {

		private final List<Pending> spans = new ArrayList<>(8);

		private long bytes = SpanSizes.TRACE;

		private int droppedSpans;

		void add(Pending span) {
			this.spans.add(span);
			this.bytes += span.bytes();
		}

		void remove(int index) {
			this.bytes -= this.spans.remove(index).bytes();
		}

		// A full trace keeps the root, and a span that kept spans hang from, in place of
		// its latest leaf: they end after their children, and without them the waterfall
		// loses its shape. Returns the index of that leaf, or -1 to drop the new span.
		int displaceableBy(StoredSpan span) {
			Set<String> parents = new HashSet<>();
			this.spans.forEach((kept) -> parents.add(kept.span().parentSpanId()));
			if (!span.isRoot() && !parents.contains(span.spanId())) {
				return -1;
			}
			for (int i = this.spans.size() - 1; i >= 0; i--) {
				StoredSpan kept = this.spans.get(i).span();
				if (!kept.isRoot() && !parents.contains(kept.spanId())) {
					return i;
				}
			}
			return -1;
		}

		Trace snapshot(String traceId) {
			List<StoredSpan> copy = new ArrayList<>(this.spans.size());
			this.spans.forEach((kept) -> copy.add(kept.span()));
			return new Trace(traceId, copy, this.droppedSpans);
		}

	}

}
