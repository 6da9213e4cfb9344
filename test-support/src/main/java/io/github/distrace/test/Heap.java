package io.github.distrace.test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap in use, for tests that show what a bounded store really retains.
 */
public final class Heap {

	private Heap() {
	}

	/**
	 * Return the heap in use after full collections: the smallest of a few readings, to
	 * leave out what the collector had not yet freed.
	 * @return the bytes in use
	 */
	public static long usedAfterCollection() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
