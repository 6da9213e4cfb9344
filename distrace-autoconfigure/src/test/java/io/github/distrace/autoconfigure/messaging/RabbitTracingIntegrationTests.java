package io.github.distrace.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.named;
import static io.github.distrace.autoconfigure.messaging.MessagingTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RabbitMQ producer and consumer spans in a real application on a random port, with the
 * real broker, exporting to a real OTLP receiver.
 */
@RequiresRabbitMq
@SpringBootTest(classes = RabbitOrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.batch.schedule-delay=50ms", "spring.rabbitmq.host=127.0.0.1",
				"spring.rabbitmq.listener.simple.default-requeue-rejected=false",
				"spring.datasource.url=jdbc:h2:mem:distrace_rabbit;DB_CLOSE_DELAY=-1" })
@ExtendWith(OutputCaptureExtension.class)
class RabbitTracingIntegrationTests {

	private static final OtlpReceiver receiver = MessagingTestSupport.receiver();

	@LocalServerPort
	private int port;

	@Autowired
	private BlockingQueue<String> handled;

	@Autowired
	private RabbitTemplate rabbit;

	@Autowired
	@Qualifier("ordersQueue")
	private Queue orders;

	@Autowired
	@Qualifier("linesQueue")
	private Queue lines;

	@Autowired
	@Qualifier("failingQueue")
	private Queue failing;

	@Autowired
	@Qualifier("batchQueue")
	private Queue batches;

	@Autowired
	private RabbitListenerEndpointRegistry listeners;

	@Autowired
	@Qualifier("unheardQueue")
	private Queue unheard;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
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
		assertThat(this.handled.poll(30, TimeUnit.SECONDS)).isEqualTo("order 41");
		ReceivedSpan server = receiver.awaitSpan((span) -> "/orders/41".equals(span.attribute("url.path")));
		List<ReceivedSpan> trace = receiver.awaitSpans((span) -> span.traceId().equals(server.traceId()), 4);
		assertThat(trace).hasSize(4);
		String queue = this.orders.getName();
		ReceivedSpan producer = named(trace, "send " + queue);
		ReceivedSpan consumer = named(trace, "process " + queue);
		ReceivedSpan query = named(trace, "SELECT orders");
		assertThat(producer.kind()).isEqualTo("PRODUCER");
		assertThat(producer.parentSpanId()).isEqualTo(server.spanId());
		assertThat(producer.attributes()).containsEntry("messaging.system", "rabbitmq")
			.containsEntry("messaging.operation.type", "send")
			.containsEntry("messaging.operation.name", "send")
			.containsEntry("messaging.destination.name", queue)
			.containsEntry("messaging.rabbitmq.destination.routing_key", queue);
		assertThat(consumer.kind()).isEqualTo("CONSUMER");
		assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());
		assertThat(consumer.attributes()).containsEntry("messaging.system", "rabbitmq")
			.containsEntry("messaging.operation.type", "process")
			.containsEntry("messaging.destination.name", queue)
			.containsEntry("distrace.db.query_count", "1");
		assertThat(query.parentSpanId()).isEqualTo(consumer.spanId());
	}

	@Test
	void batchListenerGetsOneSpanLinkedToEachMessage() throws Exception {
		for (int id = 1; id <= 3; id++) {
			assertThat(post(this.port, "/orders/" + id + "/batch").statusCode()).isEqualTo(200);
		}
		String queue = this.batches.getName();
		List<ReceivedSpan> producers = receiver.awaitSpans((span) -> span.name().equals("send " + queue), 3);
		this.listeners.getListenerContainer(RabbitOrdersApplication.BATCHES).start();
		assertThat(poll()).isEqualTo("batch 3");
		ReceivedSpan batch = receiver.awaitSpan("process " + queue);
		assertThat(batch.kind()).isEqualTo("CONSUMER");
		assertThat(batch.parentSpanId()).isEmpty();
		assertThat(batch.attributes()).containsEntry("messaging.batch.message_count", "3")
			.containsEntry("messaging.destination.name", queue);
		assertThat(batch.links()).containsExactlyInAnyOrderElementsOf(
				producers.stream().map((producer) -> producer.traceId() + "-" + producer.spanId()).toList());
		ReceivedSpan query = receiver
			.awaitSpan((span) -> span.traceId().equals(batch.traceId()) && span.name().equals("SELECT orders"));
		assertThat(query.parentSpanId()).isEqualTo(batch.spanId());
	}

	@Test
	void baggageSetBeforeSendingIsReadableInTheListenerWhichCanSetItsOwn() throws Exception {
		assertThat(post(this.port, "/orders/42/tenant/acme").statusCode()).isEqualTo(200);
		assertThat(this.handled.poll(30, TimeUnit.SECONDS)).isEqualTo("tenant acme, handled by listener");
	}

	@Test
	void listenerExceptionMarksTheConsumerSpanFailed() throws Exception {
		assertThat(post(this.port, "/orders/43/rejected").statusCode()).isEqualTo(200);
		ReceivedSpan consumer = receiver.awaitSpan("process " + this.failing.getName());
		assertThat(consumer.statusCode()).isEqualTo("ERROR");
		assertThat(consumer.events()).contains("exception");
		assertThat(consumer.attribute("error.type")).isEqualTo(IllegalStateException.class.getName());
	}

	@Test
	void hostileTraceparentStartsANewTraceAndTheMessageIsStillDelivered(CapturedOutput output) throws Exception {
		String hostile = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX-Forged: yes";
		publishPlain(this.orders.getName(), "51", Map.of("traceparent", hostile));
		publishPlain(this.orders.getName(), "52", Map.of("traceparent", 42));
		publishPlain(this.orders.getName(), "53", Map.of("traceparent", "00-zz-00f067aa0ba902b7-01", "baggage",
				"x".repeat(MessageHeaderGetter.MAX_VALUE_LENGTH + 1)));
		assertThat(List.of(poll(), poll(), poll())).containsExactlyInAnyOrder("order 51", "order 52", "order 53");
		List<ReceivedSpan> consumers = receiver.awaitSpans(
				(span) -> span.name().equals("process " + this.orders.getName()) && span.parentSpanId().isEmpty(), 3);
		assertThat(consumers).extracting(ReceivedSpan::traceId)
			.doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736")
			.doesNotHaveDuplicates();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Ignored a malformed 'traceparent' header")))
			.hasSize(1);
		assertThat(output.getOut()).doesNotContain("X-Forged");
	}

	@Test
	void headersAreTextThatAPlainClientReads() throws Exception {
		this.rabbit.convertAndSend("", this.unheard.getName(), "61");
		// The queue is exclusive to the application's connection: read it there, raw, as
		// the RabbitMQ client hands a message to any program.
		GetResponse response = null;
		for (int attempt = 0; attempt < 100 && response == null; attempt++) {
			response = this.rabbit.execute((channel) -> channel.basicGet(this.unheard.getName(), true));
		}
		assertThat(response).isNotNull();
		Object traceparent = response.getProps().getHeaders().get("traceparent");
		assertThat(traceparent).isInstanceOf(LongString.class);
		assertThat(traceparent.toString()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
		assertThat(response.getProps().getHeaders().keySet()).containsOnly("traceparent");
		assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("61");
	}

	private String poll() throws InterruptedException {
		return this.handled.poll(30, TimeUnit.SECONDS);
	}

	/**
	 * Publish as a producer without distrace would, in another language say: straight
	 * through the RabbitMQ client, headers as given.
	 */
	private static void publishPlain(String queue, String body, Map<String, Object> headers) throws Exception {
		try (Connection connection = plainConnection(); Channel channel = connection.createChannel()) {
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/plain")
				.headers(new HashMap<>(headers))
				.build();
			channel.basicPublish("", queue, properties, body.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static Connection plainConnection() throws Exception {
		com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
		factory.setHost("127.0.0.1");
		return factory.newConnection();
	}

}
