package io.github.distrace.autoconfigure.messaging;

/**
 * Kafka partition numbers as the text {@code messaging.destination.partition.id} holds,
 * made once for the partitions most topics have rather than for every record.
 *
 * @author distrace
 */
final class PartitionIds {

	private static final String[] IDS = new String[128];

	static {
		for (int partition = 0; partition < IDS.length; partition++) {
			IDS[partition] = Integer.toString(partition);
		}
	}

	private PartitionIds() {
	}

	static String of(int partition) {
		return (partition >= 0 && partition < IDS.length) ? IDS[partition] : Integer.toString(partition);
	}

}
