package io.github.distrace.autoconfigure.messaging;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka broker (KRaft, in this JVM) for every Kafka test class: started by the
 * first that needs it, stopped when the JVM exits, so that its start-up is paid once.
 */
final class SharedKafkaBroker {

	static final String[] TOPICS = { "orders", "order-lines", "order-tenants", "orders-rejected", "order-batches" };

	private static final EmbeddedKafkaBroker broker = start();

	private SharedKafkaBroker() {
	}

	static String bootstrapServers() {
		return broker.getBrokersAsString();
	}

	private static EmbeddedKafkaBroker start() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, TOPICS);
		broker.afterPropertiesSet();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
		return broker;
	}

}
