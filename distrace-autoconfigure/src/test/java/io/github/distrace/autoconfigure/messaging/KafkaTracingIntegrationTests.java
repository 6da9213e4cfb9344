package io.github.distrace.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.awaitHandled;
import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.named;
import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka producer and consumer spans in a real application on a random port, with a real
 * broker in this JVM, exporting to a real OTLP receiver.
 */
@SpringBootTest(classes = KafkaOrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.batch.schedule-delay=50ms", "spring.kafka.consumer.auto-offset-reset=earliest",
				"test.group-prefix=tracing-", "spring.datasource.url=jdbc:h2:mem:distrace_kafka;DB_CLOSE_DELAY=-1" })
@ExtendWith(OutputCaptureExtension.class)
class KafkaTracingIntegrationTests {

	private static final OtlpReceiver receiver = MessagingTestSupport.receiver();

	@LocalServerPort
	private int port;

	@Autowired
	private BlockingQueue<String> handled;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void kafkaAndReceiver(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SharedKafkaBroker::bootstrapServers);
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@BeforeEach
	void forgetHandled() {
		this.handled.clear();
	}

	@Test
	void requestProducerConsumerAndQueryAreOneTrace() throws Exception {
		assertThat(post(this.port, "/orders/41").statusCode()).isEqualTo(200);
		awaitHandled(this.handled, "order 41");
		ReceivedSpan server = receiver.awaitSpan((span) -> "/orders/41".equals(span.attribute("url.path")));
		List<ReceivedSpan> trace = receiver.awaitSpans((span) -> span.traceId().equals(server.traceId()), 4);
		assertThat(trace).hasSize(4);
		ReceivedSpan producer = named(trace, "send orders");
		ReceivedSpan consumer = named(trace, "process orders");
		ReceivedSpan query = named(trace, "SELECT orders");
		assertThat(producer.kind()).isEqualTo("PRODUCER");
		assertThat(producer.parentSpanId()).isEqualTo(server.spanId());
		assertThat(producer.attributes()).containsEntry("messaging.system", "kafka")
			.containsEntry("messaging.operation.type", "send")
			.containsEntry("messaging.destination.name", "orders")
			.containsEntry("messaging.destination.partition.id", "0")
			.containsEntry("messaging.kafka.message.key", "41")
			.containsKey("messaging.kafka.offset");
		assertThat(consumer.kind()).isEqualTo("CONSUMER");
		assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());
		assertThat(consumer.attributes()).containsEntry("messaging.system", "kafka")
			.containsEntry("messaging.operation.type", "process")
			.containsEntry("messaging.destination.name", "orders")
			.containsEntry("messaging.consumer.group.name", "tracing-orders")
			.containsEntry("messaging.kafka.message.key", "41")
			.containsEntry("distrace.db.query_count", "1");
		assertThat(query.parentSpanId()).isEqualTo(consumer.spanId());
	}

	@Test
	void batchListenerGetsOneSpanLinkedToEachMessage() throws Exception {
		for (int id = 1; id <= 3; id++) {
			assertThat(post(this.port, "/orders/" + id + "/batch").statusCode()).isEqualTo(200);
		}
		List<ReceivedSpan> producers = receiver.awaitSpans((span) -> span.name().equals("send order-batches"), 3);
		this.listeners.getListenerContainer(KafkaOrdersApplication.BATCHES).start();
		awaitHandled(this.handled, "batch 3");
		ReceivedSpan batch = receiver.awaitSpan("process order-batches");
		assertThat(batch.kind()).isEqualTo("CONSUMER");
		assertThat(batch.parentSpanId()).isEmpty();
		assertThat(batch.attributes()).containsEntry("messaging.batch.message_count", "3")
			.containsEntry("messaging.consumer.group.name", "tracing-order-batches");
		assertThat(batch.links()).containsExactlyInAnyOrderElementsOf(
				producers.stream().map((producer) -> producer.traceId() + "-" + producer.spanId()).toList());
		ReceivedSpan query = receiver
			.awaitSpan((span) -> span.traceId().equals(batch.traceId()) && span.name().equals("SELECT orders"));
		assertThat(query.parentSpanId()).isEqualTo(batch.spanId());
	}

	@Test
	void baggageSetBeforeSendingIsReadableInTheListenerWhichCanSetItsOwn() throws Exception {
		assertThat(post(this.port, "/orders/42/tenant/acme").statusCode()).isEqualTo(200);
		awaitHandled(this.handled, "tenant acme, handled by listener");
	}

	@Test
	void listenerExceptionMarksTheConsumerSpanFailed() throws Exception {
		assertThat(post(this.port, "/orders/43/rejected").statusCode()).isEqualTo(200);
		ReceivedSpan consumer = receiver.awaitSpan("process orders-rejected");
		assertThat(consumer.statusCode()).isEqualTo("ERROR");
		assertThat(consumer.events()).contains("exception");
		assertThat(consumer.attribute("error.type")).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void hostileTraceparentStartsANewTraceAndTheMessageIsStillDelivered(CapturedOutput output) throws Exception {
		String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		RecordHeaders forged = new RecordHeaders();
		forged.add("traceparent", (valid + "\r\nX-Forged: yes").getBytes(StandardCharsets.UTF_8));
		RecordHeaders twice = new RecordHeaders();
		twice.add("traceparent", valid.getBytes(StandardCharsets.UTF_8));
		twice.add("traceparent", valid.getBytes(StandardCharsets.UTF_8));
		RecordHeaders notText = new RecordHeaders();
		notText.add("traceparent", new byte[] { (byte) 0xff, (byte) 0xfe, 0 });
		try (KafkaProducer<String, String> plain = plainProducer()) {
			plain.send(new ProducerRecord<>("orders", null, "51", "51", forged)).get();
			plain.send(new ProducerRecord<>("orders", null, "52", "52", twice)).get();
			plain.send(new ProducerRecord<>("orders", null, "53", "53", notText)).get();
		}
		awaitHandled(this.handled, "order 51", "order 52", "order 53");
		List<ReceivedSpan> consumers = receiver.awaitSpans((span) -> span.name().equals("process orders")
				&& span.attribute("messaging.kafka.message.key").startsWith("5"), 3);
		assertThat(consumers).allSatisfy((consumer) -> assertThat(consumer.parentSpanId()).isEmpty());
		assertThat(consumers).extracting(ReceivedSpan::traceId)
			.doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736")
			.doesNotHaveDuplicates();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Ignored a malformed 'traceparent' header")))
			.hasSize(1);
		assertThat(output.getOut()).doesNotContain("X-Forged");
	}

	/**
	 * A producer without distrace, as in another language: headers go out as given.
	 */
	private static KafkaProducer<String, String> plainProducer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
