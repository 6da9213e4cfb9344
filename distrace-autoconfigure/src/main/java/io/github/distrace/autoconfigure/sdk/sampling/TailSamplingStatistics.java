package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the tail decision did: local roots (requests, messages, jobs) kept by each
 * rule, and the spans dropped because their local root was given up, as the buffer held
 * too many spans or too many bytes, or the root never ended.
 *
 * @author distrace
 */
public final class TailSamplingStatistics {

	private final LongAdder keptForError = new LongAdder();

	private final LongAdder keptForSlowness = new LongAdder();

	private final LongAdder keptForNPlusOne = new LongAdder();

	private final LongAdder droppedBufferFull = new LongAdder();

	private final LongAdder droppedMemoryFull = new LongAdder();

	private final LongAdder droppedAbandoned = new LongAdder();

	void kept(KeepReason reason) {
		switch (reason) {
			case ERROR -> this.keptForError.increment();
			case SLOW -> this.keptForSlowness.increment();
			case N_PLUS_ONE -> this.keptForNPlusOne.increment();
		}
	}

	void dropped(GiveUpReason reason, int spans) {
		switch (reason) {
			case BUFFER_FULL -> this.droppedBufferFull.add(spans);
			case MEMORY_FULL -> this.droppedMemoryFull.add(spans);
			case ROOT_NEVER_ENDED -> this.droppedAbandoned.add(spans);
		}
	}

	/**
	 * Return how many local roots (each request, message or job, with the spans below it
	 * here) were kept for a reason; each counts once.
	 * @param reason the reason
	 * @return the number of local roots since start-up
	 */
	public long keptTraces(KeepReason reason) {
		return switch (reason) {
			case ERROR -> this.keptForError.sum();
			case SLOW -> this.keptForSlowness.sum();
			case N_PLUS_ONE -> this.keptForNPlusOne.sum();
		};
	}

	/**
	 * Return how many spans were dropped because their local root was given up as the
	 * buffer was full: those it held then, and those that ended after.
	 * @return the number of spans since start-up
	 */
	public long droppedBufferFull() {
		return this.droppedBufferFull.sum();
	}

	/**
	 * Return how many spans were dropped because their local root was given up as the
	 * spans held took more memory than the bound: those it held then, and those that
	 * ended after.
	 * @return the number of spans since start-up
	 */
	public long droppedMemoryFull() {
		return this.droppedMemoryFull.sum();
	}

	/**
	 * Return how many spans were dropped because their local root span did not end within
	 * the bound (a leaked span): those it held then, and those that ended after.
	 * @return the number of spans since start-up
	 */
	public long droppedAbandoned() {
		return this.droppedAbandoned.sum();
	}

}
