package io.github.distrace.autoconfigure.sdk.internal;

import java.util.PrimitiveIterator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link RequestTracingCpu} measures what a reading of the CPU clock costs, the
 * amount it takes off each measured section.
 */
class RequestTracingCpuTests {

	@Test
	void aReadingInterruptedByAContextSwitchDoesNotSetTheCost() {
		// The second reading took 5 µs (the thread was switched out and back), the others
		// 200 ns.
		PrimitiveIterator.OfLong clock = LongStream.of(1_000, 6_000, 6_200, 6_400, 6_600).iterator();
		assertThat(RequestTracingCpu.fastestReading(clock::nextLong, 4)).isEqualTo(200);
		assertThat(clock.hasNext()).isFalse();
	}

}
