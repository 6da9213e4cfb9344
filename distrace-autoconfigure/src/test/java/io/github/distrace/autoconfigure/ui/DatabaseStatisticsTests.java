package io.github.distrace.autoconfigure.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Queries and Endpoints views' aggregates and the trace list's database summary,
 * computed from a store fed by real tracer providers of two services.
 */
class DatabaseStatisticsTests {

	private static final String ORDER_SQL = "SELECT id, total FROM orders WHERE id = ?";

	private final TraceStore store = new TraceStore(100, 1000);

	private final SdkTracerProvider orders = provider("orders");

	private final SdkTracerProvider payments = provider("payments");

	private final OrderTraces traces = new OrderTraces(this.orders.get("test"));

	private String list;

	private String checkout;

	private String order;

	@BeforeEach
	void record() {
		long start = System.currentTimeMillis() - 10_000;
		this.order = this.traces.order(start, false);
		this.traces.order(start + 1_000, true);
		this.list = this.traces.orderList(start + 2_000, 8);
		this.checkout = this.traces.checkout(this.payments.get("payments"), start + 3_000);
	}

	@AfterEach
	void close() {
		this.orders.close();
		this.payments.close();
	}

	@Test
	void listsEveryDistinctStatementWithItsTimesAndEndpoints() {
		List<QueryStatistics> queries = QueryStatistics.of(this.store.traces(), 500);
		assertThat(queries).extracting(QueryStatistics::text)
			.containsExactly(OrderTraces.LINES_SQL, ORDER_SQL, "INSERT INTO payments (order_id, amount) VALUES (?, ?)",
					"SELECT id, total, status FROM orders WHERE id = ?", "UPDATE orders SET status = ? WHERE id = ?",
					"SELECT id, total FROM orders WHERE status = ?");
		// Lines of 1 to 8 ms in the listing, and one of 6 ms in the checkout.
		QueryStatistics lines = queries.get(0);
		assertThat(lines.summary()).isEqualTo("SELECT order_lines");
		assertThat(lines.durations().count()).isEqualTo(9);
		assertThat(lines.durations().total()).isEqualTo(millis(42));
		assertThat(lines.durations().mean()).isCloseTo(millis(42) / 9.0, within(1.0));
		assertThat(lines.durations().percentile(95)).isEqualTo(millis(8));
		assertThat(lines.durations().max()).isEqualTo(millis(8));
		assertThat(lines.endpoints()).containsExactly("GET /orders", "POST /orders/{id}/checkout");
		QueryStatistics order = queries.get(1);
		assertThat(order.summary()).isEqualTo("SELECT orders");
		assertThat(order.durations().count()).isEqualTo(2);
		assertThat(order.durations().total()).isEqualTo(millis(40));
		assertThat(order.endpoints()).containsExactly("GET /orders/{id}");
		assertThat(queries.get(2).endpoints()).as("the other service's endpoint").containsExactly("POST /payments");
	}

	@Test
	void queriesOutsideAnyRequestServeNoEndpoint() {
		// Start-up SQL (schema.sql, data.sql) runs with no span around it.
		Span startUp = this.orders.get("test")
			.spanBuilder("CREATE orders")
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute("db.system.name", "h2database")
			.setAttribute("db.query.text", "CREATE TABLE orders (id INT)")
			.startSpan();
		startUp.end();
		assertThat(QueryStatistics.of(this.store.traces(), 500))
			.filteredOn((query) -> query.text().equals("CREATE TABLE orders (id INT)"))
			.singleElement()
			.satisfies((query) -> assertThat(query.endpoints()).isEmpty());
		assertThat(EndpointStatistics.of(this.store.traces(), 500)).extracting(EndpointStatistics::name)
			.doesNotContain("CREATE orders")
			.isNotEmpty();
	}

	@Test
	void statementsOfTheStartUpTraceAreLeftOutOfTheQueriesView() {
		Span startUp = this.orders.get("test")
			.spanBuilder("application start-up")
			.setAttribute("distrace.startup", true)
			.startSpan();
		for (int i = 0; i < 50; i++) {
			this.orders.get("test")
				.spanBuilder("INSERT orders")
				.setParent(Context.root().with(startUp))
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute("db.system.name", "h2database")
				.setAttribute("db.query.text", "INSERT INTO orders VALUES (?, ?)")
				.startSpan()
				.end();
		}
		startUp.end();
		assertThat(QueryStatistics.of(this.store.traces(), 500)).extracting(QueryStatistics::text)
			.isNotEmpty()
			.doesNotContain("INSERT INTO orders VALUES (?, ?)");
		assertThat(EndpointStatistics.of(this.store.traces(), 500)).extracting(EndpointStatistics::name)
			.contains("application start-up");
	}

	@Test
	void keepsTheStatementsWithTheLargestTotal() {
		assertThat(QueryStatistics.of(this.store.traces(), 2)).extracting(QueryStatistics::text)
			.containsExactly(OrderTraces.LINES_SQL, ORDER_SQL);
	}

	@Test
	void groupsQueriesWithoutCapturedStatementBySummary() {
		Span root = this.orders.get("test").spanBuilder("nightly-cleanup").startSpan();
		for (int i = 0; i < 3; i++) {
			this.orders.get("test")
				.spanBuilder("DELETE sessions")
				.setSpanKind(SpanKind.CLIENT)
				.setParent(Context.root().with(root))
				.setAttribute("db.system.name", "h2database")
				.setAttribute("db.query.summary", "DELETE sessions")
				.startSpan()
				.end();
		}
		root.end();
		QueryStatistics deletes = QueryStatistics.of(this.store.traces(), 500)
			.stream()
			.filter((row) -> row.summary().equals("DELETE sessions"))
			.findFirst()
			.orElseThrow();
		assertThat(deletes.text()).isEmpty();
		assertThat(deletes.durations().count()).isEqualTo(3);
		assertThat(deletes.endpoints()).containsExactly("nightly-cleanup");
	}

	@Test
	void showsTheLatestPlanOfEachStatement() {
		String sql = "SELECT id FROM orders WHERE customer = ?";
		long start = System.currentTimeMillis() - 5_000;
		slowQuery(sql, start, "Seq Scan on orders (older)");
		slowQuery(sql, start + 2_000, "Index Scan using orders_customer on orders");
		slowQuery(sql, start + 1_000, null);
		QueryStatistics row = QueryStatistics.of(this.store.traces(), 500)
			.stream()
			.filter((query) -> query.text().equals(sql))
			.findFirst()
			.orElseThrow();
		assertThat(row.plan().text()).isEqualTo("Index Scan using orders_customer on orders");
		assertThat(StatisticsJson.queries(List.of(row)))
			.contains("\"plan\":\"Index Scan using orders_customer on orders\"");
		assertThat(QueryStatistics.of(this.store.traces(), 500)).filteredOn((query) -> query.text().equals(ORDER_SQL))
			.singleElement()
			.satisfies((query) -> assertThat(StatisticsJson.queries(List.of(query))).doesNotContain("plan"));
	}

	private void slowQuery(String sql, long startMillis, @Nullable String plan) {
		Span span = this.orders.get("test")
			.spanBuilder("SELECT orders")
			.setSpanKind(SpanKind.CLIENT)
			.setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
			.setAttribute("db.system.name", "postgresql")
			.setAttribute("db.query.text", sql)
			.setAttribute("distrace.db.slow", true)
			.startSpan();
		Attributes attributes = (plan != null) ? Attributes.of(AttributeKey.stringKey("distrace.db.plan"), plan)
				: Attributes.of(AttributeKey.stringKey("distrace.db.plan.error"), "not requested: rate");
		span.addEvent("distrace.db.explain", attributes, startMillis + 600, TimeUnit.MILLISECONDS);
		span.end(startMillis + 600, TimeUnit.MILLISECONDS);
	}

	@Test
	void summarisesEachEndpointOfEachService() {
		List<EndpointStatistics> endpoints = EndpointStatistics.of(this.store.traces(), 500);
		assertThat(endpoints).extracting(EndpointStatistics::name)
			.containsExactly("GET /orders/{id}", "GET /orders", "POST /orders/{id}/checkout", "POST /payments");
		EndpointStatistics order = endpoints.get(0);
		assertThat(order.count()).isEqualTo(2);
		assertThat(order.errors()).isEqualTo(1);
		assertThat(order.durations().percentile(50)).isEqualTo(millis(40));
		assertThat(order.durations().max()).isEqualTo(millis(40));
		assertThat(order.queriesPerRequest()).isEqualTo(1.0);
		assertThat(order.dbShare()).isEqualTo(0.5);
		EndpointStatistics list = endpoints.get(1);
		assertThat(list.errors()).isZero();
		assertThat(list.queriesPerRequest()).isEqualTo(9.0);
		assertThat(list.dbShare()).isCloseTo(38 / 93.0, within(1e-9));
		// The payments service's spans below the call are its own endpoint's, not the
		// caller's.
		EndpointStatistics checkout = endpoints.get(2);
		assertThat(checkout.queriesPerRequest()).isEqualTo(3.0);
		assertThat(checkout.dbShare()).isCloseTo(16 / 70.0, within(1e-9));
		EndpointStatistics payment = endpoints.get(3);
		assertThat(payment.count()).isEqualTo(1);
		assertThat(payment.durations().max()).isEqualTo(millis(37));
		assertThat(payment.queriesPerRequest()).isEqualTo(1.0);
		assertThat(payment.dbShare()).isCloseTo(12 / 37.0, within(1e-9));
	}

	@Test
	void takesPercentilesByNearestRank() {
		long start = System.currentTimeMillis();
		for (int ms : new int[] { 7, 20, 3, 15, 1, 12, 9, 18, 5, 11, 2, 16, 19, 4, 14, 6, 10, 8, 13, 17 }) {
			this.orders.get("test")
				.spanBuilder("GET /health")
				.setSpanKind(SpanKind.SERVER)
				.setStartTimestamp(start, TimeUnit.MILLISECONDS)
				.startSpan()
				.end(start + ms, TimeUnit.MILLISECONDS);
		}
		EndpointStatistics health = EndpointStatistics.of(this.store.traces(), 500).get(0);
		assertThat(health.name()).isEqualTo("GET /health");
		assertThat(health.count()).isEqualTo(20);
		assertThat(health.durations().percentile(50)).isEqualTo(millis(10));
		assertThat(health.durations().percentile(95)).isEqualTo(millis(19));
		assertThat(health.durations().max()).isEqualTo(millis(20));
		assertThat(health.queriesPerRequest()).isZero();
		assertThat(health.dbShare()).isZero();
	}

	@Test
	void summarisesTheDatabaseWorkOfEachTrace() {
		Trace list = this.store.trace(this.list);
		assertThat(list.queryCount()).isEqualTo(9);
		assertThat(list.queryNanos()).isEqualTo(millis(38));
		assertThat(list.hasNPlusOne()).isTrue();
		Trace checkout = this.store.trace(this.checkout);
		assertThat(checkout.queryCount()).as("both services' queries").isEqualTo(4);
		assertThat(checkout.queryNanos()).isEqualTo(millis(28));
		assertThat(checkout.hasNPlusOne()).isFalse();
		assertThat(query("nPlusOne", "true")).containsExactly(this.list);
		assertThat(query("statement", OrderTraces.LINES_SQL)).containsExactly(this.checkout, this.list);
		assertThat(query("statement", "SELECT sku")).isEmpty();
		assertThat(query("sql", "select id, total from orders where id")).hasSize(2).contains(this.order);
	}

	private List<String> query(String name, String value) {
		Map<String, String[]> parameters = new HashMap<>();
		parameters.put(name, new String[] { value });
		return TraceQuery.parse(parameters, 1000).apply(this.store.traces()).stream().map(Trace::traceId).toList();
	}

	private SdkTracerProvider provider(String service) {
		return SdkTracerProvider.builder()
			.setResource(Resource.getDefault().toBuilder().put("service.name", service).build())
			.addSpanProcessor(new TraceStoreSpanProcessor(this.store, "/distrace"))
			.build();
	}

	private static long millis(long millis) {
		return TimeUnit.MILLISECONDS.toNanos(millis);
	}

}
