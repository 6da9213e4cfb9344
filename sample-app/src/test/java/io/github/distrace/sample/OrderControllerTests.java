package io.github.distrace.sample;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample application on H2 and checks that its queries are exported as
 * query spans over OTLP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrderControllerTests {

	private static final OtlpReceiver receiver = startReceiver();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.exporter", () -> "otlp");
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
		registry.add("distrace.batch.schedule-delay", () -> "50ms");
		registry.add("distrace.jdbc.transaction-spans", () -> "true");
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@Test
	void orderQueryIsAQuerySpan() {
		String body = client().get().uri("/orders/1").retrieve().body(String.class);
		assertThat(body).contains("\"customer\":\"Ada\"");
		ReceivedSpan span = receiver.awaitSpan((candidate) -> candidate.name().equals("SELECT orders")
				&& "SELECT id, customer, status, total FROM orders WHERE id = ?"
					.equals(candidate.attribute("db.query.text")));
		assertThat(span.kind()).isEqualTo("CLIENT");
		assertThat(span.attributes()).containsEntry("db.system.name", "h2database")
			.containsEntry("db.namespace", "shop")
			.containsEntry("db.operation.name", "SELECT")
			.containsEntry("db.collection.name", "orders");
		assertThat(span.serviceName()).isEqualTo("distrace-sample");
	}

	@Test
	void shippingIsATransactionWithAnUpdate() {
		String body = client().post().uri("/orders/2/ship").retrieve().body(String.class);
		assertThat(body).contains("\"status\":\"SHIPPED\"");
		ReceivedSpan update = receiver.awaitSpan("UPDATE orders");
		assertThat(update.attribute("db.query.text"))
			.isEqualTo("UPDATE orders SET status = ? WHERE id = ? AND status = ?");
		ReceivedSpan commit = receiver.awaitSpan("COMMIT");
		assertThat(commit.attribute("db.operation.name")).isEqualTo("COMMIT");
	}

	private RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

	private static OtlpReceiver startReceiver() {
		try {
			return OtlpReceiver.http();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
