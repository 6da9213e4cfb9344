package io.github.distrace.autoconfigure.messaging;

import io.opentelemetry.api.trace.SpanBuilder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The Kafka attributes of consumer spans.
 *
 * @author distrace
 */
final class KafkaSpans {

	private KafkaSpans() {
	}

	static void recordAttributes(SpanBuilder builder, ConsumerRecord<?, ?> record) {
		builder.setAttribute(MessagingAttributes.PARTITION_ID, PartitionIds.of(record.partition()));
		builder.setAttribute(MessagingAttributes.KAFKA_OFFSET, record.offset());
		String key = MessagingTracing.text(record.key());
		if (key != null) {
			builder.setAttribute(MessagingAttributes.KAFKA_KEY, key);
		}
		if (record.serializedValueSize() >= 0) {
			builder.setAttribute(MessagingAttributes.BODY_SIZE, (long) record.serializedValueSize());
		}
	}

	static void groupAttribute(SpanBuilder builder, Consumer<?, ?> consumer) {
		try {
			String group = consumer.groupMetadata().groupId();
			if (group != null && !group.isEmpty()) {
				builder.setAttribute(MessagingAttributes.CONSUMER_GROUP, group);
			}
		}
		catch (RuntimeException ex) {
			// A consumer without a group (assigned partitions only) has no group
			// metadata.
		}
	}

}
