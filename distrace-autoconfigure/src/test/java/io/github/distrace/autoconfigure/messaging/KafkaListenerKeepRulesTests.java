package io.github.distrace.autoconfigure.messaging;

import io.github.distrace.test.ReceivedSpan;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The keep rules for a Kafka listener, with a real broker in this JVM.
 */
@SpringBootTest(classes = KafkaOrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.sampler.type=parentbased_traceidratio", "distrace.sampler.ratio=0",
				"distrace.batch.schedule-delay=50ms", "spring.kafka.consumer.auto-offset-reset=earliest",
				"test.group-prefix=keep-", "spring.datasource.url=jdbc:h2:mem:distrace_kafka_keep;DB_CLOSE_DELAY=-1" })
class KafkaListenerKeepRulesTests extends AbstractListenerKeepRulesTests {

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
	}

	@Override
	String linesConsumerSpanName() {
		return "process order-lines";
	}

	// The topic also holds what other test classes sent (with their sampling decisions),
	// which this application's consumer groups read from the start.
	@Override
	boolean isPlainOrderConsumer(ReceivedSpan span) {
		return span.name().equals("process orders") && "71".equals(span.attribute("messaging.kafka.message.key"));
	}

}
