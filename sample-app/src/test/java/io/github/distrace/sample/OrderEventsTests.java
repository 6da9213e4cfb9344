package io.github.distrace.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order events of the {@code rabbitmq} profile, with the RabbitMQ broker at
 * 127.0.0.1:5672: required with {@code CI=true}, skipped with a message elsewhere when it
 * does not answer.
 */
@ActiveProfiles("rabbitmq")
class OrderEventsTests extends ExportingSampleTests {

	@BeforeAll
	static void requireRabbitMq() {
		if ("true".equals(System.getenv("CI"))) {
			return;
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
		}
		catch (IOException ex) {
			Assumptions.abort("RabbitMQ at 127.0.0.1:5672 is not reachable (" + ex.getMessage()
					+ "); start it to run these tests, which CI (CI=true) requires");
		}
	}

	@Test
	void placingAnOrderIsOneTraceFromTheRequestToTheListenersQueries() {
		client().post().uri("/orders/1/place?tenant=initech").retrieve().toBodilessEntity();
		String queue = OrderEvents.ORDERS_PLACED;
		ReceivedSpan consumer = receiver.awaitSpan("process " + queue);
		ReceivedSpan producer = span(consumer.traceId(), "send " + queue);
		ReceivedSpan server = span(consumer.traceId(), "POST /orders/{id}/place");
		assertThat(producer.parentSpanId()).isEqualTo(server.spanId());
		assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());
		assertThat(consumer.attribute("distrace.db.n_plus_one")).isEqualTo("true");
		ReceivedSpan summaries = span(consumer.traceId(), "OrderSummaries.oneByOne");
		assertThat(summaries.parentSpanId()).isEqualTo(consumer.spanId());
		assertThat(List.of(consumer, summaries)).extracting((span) -> span.attribute("tenant")).containsOnly("initech");
	}

	private static ReceivedSpan span(String traceId, String name) {
		return receiver.awaitSpan((span) -> span.traceId().equals(traceId) && span.name().equals(name));
	}

}
