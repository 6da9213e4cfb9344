package io.github.distrace.autoconfigure.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka partition numbers as text, whether made beforehand or not.
 */
class PartitionIdsTests {

	@Test
	void everyPartitionIsItsNumber() {
		for (int partition : new int[] { 0, 7, 127, 128, 4096, -1 }) {
			assertThat(PartitionIds.of(partition)).isEqualTo(Integer.toString(partition));
		}
	}

	@Test
	void theCommonPartitionsAreMadeOnce() {
		assertThat(PartitionIds.of(3)).isSameAs(PartitionIds.of(3));
	}

}
