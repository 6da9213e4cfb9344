package io.github.distrace.sample;

import java.util.List;

import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load test's request, exported over OTLP: one trace of seven spans, from the handler
 * through three queries to the stock service, with the tenant baggage on every span
 * started after the handler set it.
 */
class OrderOverviewTests extends ExportingSampleTests {

	@Test
	void theOverviewIsOneTraceOfThreeQueriesAndACallToTheStockService() {
		String body = client().get().uri("/orders/1/overview?tenant=initech").retrieve().body(String.class);
		assertThat(body).contains("\"customer\":\"Ada\"")
			.contains("\"items\":3")
			.contains("\"customerOrders\":1")
			.contains("stock of 1 for tenant initech");
		ReceivedSpan server = receiver.awaitSpan((span) -> span.name().equals("GET /orders/{id}/overview")
				&& "/orders/1/overview".equals(span.attribute("url.path")));
		List<ReceivedSpan> trace = receiver.awaitSpans((span) -> span.traceId().equals(server.traceId()), 7);
		ReceivedSpan overview = only(trace, "OrderOverviews.overview");
		ReceivedSpan stockCall = only(trace, "GET");
		ReceivedSpan stockServer = only(trace, "GET /stock/{id}");
		assertThat(overview.parentSpanId()).isEqualTo(server.spanId());
		assertThat(trace).filteredOn((span) -> span.kind().equals("CLIENT") && span.name().startsWith("SELECT"))
			.extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("SELECT orders", "SELECT order_lines", "SELECT orders");
		assertThat(trace).filteredOn((span) -> span.name().startsWith("SELECT"))
			.allSatisfy((query) -> assertThat(query.parentSpanId()).isEqualTo(overview.spanId()));
		assertThat(stockCall.parentSpanId()).isEqualTo(overview.spanId());
		assertThat(stockServer.parentSpanId()).isEqualTo(stockCall.spanId());
		// The handler sets the baggage once the server span has started: every later span
		// has it.
		assertThat(trace).hasSize(7)
			.filteredOn((span) -> span != server)
			.extracting((span) -> span.attribute("tenant"))
			.containsOnly("initech");
	}

	private static ReceivedSpan only(List<ReceivedSpan> trace, String name) {
		return trace.stream().filter((span) -> span.name().equals(name)).reduce((a, b) -> {
			throw new AssertionError("two spans named " + name + " in " + trace);
		}).orElseThrow(() -> new AssertionError("no span named " + name + " in " + trace));
	}

}
