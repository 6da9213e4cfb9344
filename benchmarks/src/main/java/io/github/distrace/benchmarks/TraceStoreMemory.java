package io.github.distrace.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import io.github.distrace.autoconfigure.ui.TraceStore;

/**
 * Memory the viewer's store holds, per stored span, as traces keep arriving: when it has
 * just filled up, and after 2, 5 and 20 times as many traces as it keeps. The figure must
 * stay flat after overflow. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar io.github.distrace.benchmarks.TraceStoreMemory}.
 *
 * @author distrace
 */
public final class TraceStoreMemory {

	private static final int MAX_TRACES = 1000;

	private TraceStoreMemory() {
	}

	public static void main(String[] args) {
		SampleTraces samples = new SampleTraces();
		TraceStore store = new TraceStore(MAX_TRACES, 500);
		long empty = usedHeap();
		int added = 0;
		System.out.println("traces added, traces kept, spans kept, retained heap (bytes), bytes per kept span");
		for (int factor : new int[] { 1, 2, 5, 20 }) {
			while (added < factor * MAX_TRACES) {
				samples.traces(100).forEach(store::add);
				added += 100;
			}
			int kept = store.size();
			long retained = usedHeap() - empty;
			long spans = (long) kept * SampleTraces.SPANS_PER_TRACE;
			System.out.printf("%d, %d, %d, %d, %d%n", added, kept, spans, retained, retained / spans);
		}
		if (store.size() != MAX_TRACES) {
			throw new IllegalStateException("The store keeps " + store.size() + " traces");
		}
	}

	private static long usedHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		// The smallest of a few readings after a full collection, to leave out what the
		// collector had not yet freed.
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
