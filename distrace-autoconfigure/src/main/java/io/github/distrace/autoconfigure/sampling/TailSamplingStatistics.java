package io.github.distrace.autoconfigure.sampling;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the tail decision did: traces kept by each rule, and spans given up because
 * the buffer was full or their local root never ended.
 *
 * @author distrace
 */
public final class TailSamplingStatistics {

	private final LongAdder keptForError = new LongAdder();

	private final LongAdder keptForSlowness = new LongAdder();

	private final LongAdder keptForNPlusOne = new LongAdder();

	private final LongAdder droppedBufferFull = new LongAdder();

	private final LongAdder droppedAbandoned = new LongAdder();

	void kept(KeepReason reason) {
		switch (reason) {
			case ERROR -> this.keptForError.increment();
			case SLOW -> this.keptForSlowness.increment();
			case N_PLUS_ONE -> this.keptForNPlusOne.increment();
		}
	}

	void droppedBufferFull(int spans) {
		this.droppedBufferFull.add(spans);
	}

	void droppedAbandoned(int spans) {
		this.droppedAbandoned.add(spans);
	}

	/**
	 * Return how many local traces were kept for a reason.
	 * @param reason the reason
	 * @return the number of traces since start-up
	 */
	public long keptTraces(KeepReason reason) {
		return switch (reason) {
			case ERROR -> this.keptForError.sum();
			case SLOW -> this.keptForSlowness.sum();
			case N_PLUS_ONE -> this.keptForNPlusOne.sum();
		};
	}

	/**
	 * Return how many spans of undecided traces were dropped because the buffer was full.
	 * @return the number of spans since start-up
	 */
	public long droppedBufferFull() {
		return this.droppedBufferFull.sum();
	}

	/**
	 * Return how many spans were given up because their local root span did not end
	 * within the bound (a leaked span).
	 * @return the number of spans since start-up
	 */
	public long droppedAbandoned() {
		return this.droppedAbandoned.sum();
	}

}
