package io.github.distrace.autoconfigure.sdk;

import java.util.function.BiFunction;

import io.github.distrace.autoconfigure.sdk.sampling.TailSamplingStatistics;

/**
 * Why finished spans were dropped before export: the {@code reason} tag of
 * {@code distrace.spans.dropped} and the keys of the actuator endpoint's {@code dropped}.
 *
 * @author distrace
 */
enum DropReason {

	/**
	 * The batch span processor's queue was full.
	 */
	QUEUE_FULL("queue_full", (statistics, tail) -> statistics.droppedSpans()),

	/**
	 * The tail decision's buffer held too many spans.
	 */
	TAIL_BUFFER_FULL("tail_buffer_full", (statistics, tail) -> tail.droppedBufferFull()),

	/**
	 * The tail decision's buffer took too much memory.
	 */
	TAIL_BUFFER_MEMORY("tail_buffer_memory", (statistics, tail) -> tail.droppedMemoryFull()),

	/**
	 * A local root span did not end within the tail decision's bound.
	 */
	ROOT_NEVER_ENDED("root_never_ended", (statistics, tail) -> tail.droppedAbandoned());

	private final String value;

	private final BiFunction<SpanExportStatistics, TailSamplingStatistics, Long> count;

	DropReason(String value, BiFunction<SpanExportStatistics, TailSamplingStatistics, Long> count) {
		this.value = value;
		this.count = count;
	}

	String value() {
		return this.value;
	}

	long count(SpanExportStatistics statistics, TailSamplingStatistics tailStatistics) {
		return this.count.apply(statistics, tailStatistics);
	}

}
