package io.github.distrace.autoconfigure.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * In-memory store of the most recent traces shown by the embedded viewer. Memory stays
 * flat: at most {@code maxTraces} traces are kept, the one that arrived first is dropped
 * first, and at most {@code maxSpansPerTrace} spans are kept per trace. Spans of one trace
 * are grouped whenever they arrive. Thread-safe, and adding a span never waits: the span
 * is queued, and whichever thread finds the store free moves the queue into it.
 *
 * @author distrace
 */
public final class TraceStore {

	// Spans wait here only while another thread holds the lock; that thread, or the next
	// reader, moves them in. The bound only matters if the store were stuck.
	private static final int MAX_PENDING = 65_536;

	private final ReentrantLock lock = new ReentrantLock();

	private final Queue<StoredSpan> pending = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pendingCount = new AtomicInteger();

	private final int maxTraces;

	private final int maxSpansPerTrace;

	private final LinkedHashMap<String, Entry> traces;

	/**
	 * Create a store.
	 * @param maxTraces the maximum number of traces kept
	 * @param maxSpansPerTrace the maximum number of spans kept for one trace
	 */
	public TraceStore(int maxTraces, int maxSpansPerTrace) {
		if (maxTraces <= 0 || maxSpansPerTrace <= 0) {
			throw new IllegalArgumentException("maxTraces and maxSpansPerTrace must be positive");
		}
		this.maxTraces = maxTraces;
		this.maxSpansPerTrace = maxSpansPerTrace;
		this.traces = new LinkedHashMap<>(16, 0.75f, false) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
				return size() > TraceStore.this.maxTraces;
			}

		};
	}

	/**
	 * Add a finished span.
	 * @param span the span
	 */
	public void add(SpanData span) {
		add(StoredSpan.of(span));
	}

	void add(StoredSpan span) {
		if (this.pendingCount.incrementAndGet() > MAX_PENDING) {
			this.pendingCount.decrementAndGet();
			return;
		}
		this.pending.add(span);
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
		StoredSpan span;
		while ((span = this.pending.poll()) != null) {
			this.pendingCount.decrementAndGet();
			Entry entry = this.traces.computeIfAbsent(span.traceId(), (traceId) -> new Entry());
			if (entry.spans.size() < this.maxSpansPerTrace) {
				entry.spans.add(span);
			}
			else {
				entry.droppedSpans++;
			}
		}
	}

	/**
	 * Add spans received from another service. Internal: for the viewer's OTLP receiver.
	 * @param spans the spans, already redacted
	 */
	public void addAll(Collection<StoredSpan> spans) {
		spans.forEach(this::add);
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
		}
		finally {
			this.lock.unlock();
		}
	}

	int maxTraces() {
		return this.maxTraces;
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
			this.traces.forEach((traceId, entry) -> snapshot
				.add(new Trace(traceId, List.copyOf(entry.spans), entry.droppedSpans)));
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
			return (entry != null) ? new Trace(traceId, List.copyOf(entry.spans), entry.droppedSpans) : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static final class Entry {

		private final List<StoredSpan> spans = new ArrayList<>(8);

		private int droppedSpans;

	}

}
