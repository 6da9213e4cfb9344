package io.github.distrace.sample;

import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample application on H2 and checks that its queries are exported as query
 * spans over OTLP.
 */
class OrderControllerTests extends ExportingSampleTests {

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

}
