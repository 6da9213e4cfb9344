package io.github.distrace.autoconfigure.messaging;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes of OpenTelemetry's messaging semantic conventions that distrace sets.
 * They are not in the stable semantic conventions artifact yet, so they are named here.
 *
 * @author distrace
 */
final class MessagingAttributes {

	static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");

	static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");

	static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");

	static final AttributeKey<String> DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");

	static final AttributeKey<String> PARTITION_ID = AttributeKey.stringKey("messaging.destination.partition.id");

	static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");

	static final AttributeKey<String> SUBSCRIPTION_NAME = AttributeKey
		.stringKey("messaging.destination.subscription.name");

	static final AttributeKey<Long> BATCH_MESSAGE_COUNT = AttributeKey.longKey("messaging.batch.message_count");

	static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

	static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");

	static final AttributeKey<String> KAFKA_KEY = AttributeKey.stringKey("messaging.kafka.message.key");

	static final AttributeKey<Long> KAFKA_OFFSET = AttributeKey.longKey("messaging.kafka.offset");

	static final AttributeKey<String> RABBITMQ_ROUTING_KEY = AttributeKey
		.stringKey("messaging.rabbitmq.destination.routing_key");

	static final String KAFKA = "kafka";

	static final String RABBITMQ = "rabbitmq";

	private MessagingAttributes() {
	}

}
