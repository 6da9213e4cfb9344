package io.github.distrace.sample.reactive;

import java.io.IOException;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample's requests, exported over OTLP to a real receiver: the server span,
 * the {@code @Traced} methods returning {@code Mono} and {@code Flux}, and the call to
 * the stock route with the tenant as baggage. (The R2DBC query spans are not asserted
 * here.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReactiveOrderTraceTests {

	private static OtlpReceiver receiver;

	@LocalServerPort
	private int port;

	// Started with the application context that exports to it, which is this class's own.
	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) throws IOException {
		receiver = OtlpReceiver.http();
		registry.add("distrace.exporter", () -> "otlp");
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
		registry.add("distrace.batch.schedule-delay", () -> "50ms");
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@Test
	void oneRequestIsOneTraceFromTheHandlerToTheStockRoute() {
		ResponseEntity<String> response = get("/orders/1?tenant=globex");
		assertThat(response.getBody()).contains("\"customer\":\"Ada\"", "stock of 1 for tenant globex");
		String traceId = traceId(response);
		ReceivedSpan server = span(traceId, "GET /orders/{id}");
		ReceivedSpan find = span(traceId, "OrderService.find");
		ReceivedSpan stockCall = span(traceId, "GET");
		ReceivedSpan stockServer = span(traceId, "GET /stock/{id}");
		assertThat(server.kind()).isEqualTo("SERVER");
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(find.parentSpanId()).isEqualTo(server.spanId());
		assertThat(find.attribute("order.id")).isEqualTo("1");
		ReceivedSpan query = span(traceId, "SELECT orders");
		assertThat(query.kind()).isEqualTo("CLIENT");
		assertThat(query.parentSpanId()).isEqualTo(find.spanId());
		assertThat(query.attribute("db.system.name")).isEqualTo("h2database");
		assertThat(query.attribute("db.response.returned_rows")).isEqualTo("1");
		assertThat(stockCall.kind()).isEqualTo("CLIENT");
		assertThat(stockCall.parentSpanId()).isEqualTo(server.spanId());
		assertThat(stockServer.parentSpanId()).isEqualTo(stockCall.spanId());
		assertThat(stockServer.attribute("tenant")).isEqualTo("globex");
	}

	@Test
	void theOverviewIsOneTracedMethodBelowTheServerSpan() {
		ResponseEntity<String> response = get("/orders/overview");
		assertThat(response.getBody()).contains("\"customer\":\"Ada\"", "\"customer\":\"Margaret\"",
				"\"sku\":\"MS-202\"");
		String traceId = traceId(response);
		ReceivedSpan server = span(traceId, "GET /orders/overview");
		ReceivedSpan overview = span(traceId, "OrderService.overview");
		assertThat(overview.parentSpanId()).isEqualTo(server.spanId());
		// One query for the orders, then one per order for its lines: the N+1 the viewer
		// finds.
		assertThat(receiver.awaitSpans((span) -> span.traceId().equals(traceId)
				&& span.name().equals("SELECT order_lines") && span.parentSpanId().equals(overview.spanId()), 3))
			.hasSizeGreaterThanOrEqualTo(3);
		assertThat(server.attribute("distrace.db.n_plus_one")).isEqualTo("true");
	}

	private ResponseEntity<String> get(String uri) {
		return RestClient.create("http://localhost:" + this.port).get().uri(uri).retrieve().toEntity(String.class);
	}

	// The traceresponse header: 00-{trace id}-{span id}-{flags}.
	private static String traceId(ResponseEntity<String> response) {
		return response.getHeaders().getFirst("traceresponse").split("-")[1];
	}

	private static ReceivedSpan span(String traceId, String name) {
		return receiver.awaitSpan((span) -> span.traceId().equals(traceId) && span.name().equals(name));
	}

}
