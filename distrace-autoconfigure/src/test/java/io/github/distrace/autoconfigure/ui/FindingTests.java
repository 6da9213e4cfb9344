package io.github.distrace.autoconfigure.ui;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Findings view's rows, computed from a store fed by a real tracer provider: each
 * kind of bottleneck found from what distrace marks on spans, grouped by endpoint and
 * statement, ranked by the time it cost, with the newest example traces.
 */
class FindingTests {

	private static final String LINES_SQL = "SELECT * FROM order_lines WHERE order_id = ?";

	private final TraceStore store = new TraceStore(100, 1000);

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.setResource(Resource.getDefault().toBuilder().put("service.name", "orders").build())
		.addSpanProcessor(new TraceStoreSpanProcessor(this.store, "/distrace"))
		.build();

	private final Tracer tracer = this.provider.get("test");

	private final long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - 60_000);

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void eachKindIsFoundAndRankedByTheTimeItCost() {
		for (int i = 0; i < 4; i++) {
			nPlusOne("GET /orders", i * 1_000, 40.0);
		}
		slow("GET /orders/{id}", 5_000, 300);
		failed("POST /orders", 6_000, 2);
		poolWait("GET /orders/{id}", 7_000, 25);
		List<Finding> findings = Finding.of(this.store.traces(), 200);
		assertThat(findings).extracting((finding) -> finding.kind().value())
			.containsExactly("slow_query", "n_plus_one", "pool_wait", "failed_query");
		Finding nPlusOne = findings.get(1);
		assertThat(nPlusOne.endpoint()).isEqualTo("GET /orders");
		assertThat(nPlusOne.statement()).isEqualTo(LINES_SQL);
		assertThat(nPlusOne.count()).as("repeats across the requests").isEqualTo(32);
		assertThat(nPlusOne.totalMs()).isEqualTo(160.0);
		assertThat(nPlusOne.exampleTraceIds()).as("the newest three").hasSize(3);
		assertThat(findings.get(2).statement()).isEqualTo("HikariPool-1");
		assertThat(findings.get(3).statement()).isEqualTo("INSERT INTO orders VALUES (?, ?)");
	}

	@Test
	void theStartUpTraceIsLeftOut() {
		Span startUp = this.tracer.spanBuilder("application start-up")
			.setAttribute("distrace.startup", true)
			.setStartTimestamp(this.start, TimeUnit.NANOSECONDS)
			.startSpan();
		// The pool's first connection, opened while the application starts.
		this.tracer.spanBuilder("HikariDataSource.getConnection")
			.setParent(Context.root().with(startUp))
			.setAttribute("distrace.db.pool_wait", true)
			.setStartTimestamp(this.start, TimeUnit.NANOSECONDS)
			.startSpan()
			.end(this.start + TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.NANOSECONDS);
		startUp.end(this.start + TimeUnit.SECONDS.toNanos(2), TimeUnit.NANOSECONDS);
		poolWait("GET /orders/{id}", 3_000, 25);
		assertThat(Finding.of(this.store.traces(), 200)).singleElement()
			.satisfies((finding) -> assertThat(finding.endpoint()).isEqualTo("GET /orders/{id}"));
	}

	@Test
	void examplesAreTheNewestTracesFirst() {
		String oldest = nPlusOne("GET /orders", 0, 10.0);
		String middle = nPlusOne("GET /orders", 1_000, 10.0);
		String newer = nPlusOne("GET /orders", 2_000, 10.0);
		String newest = nPlusOne("GET /orders", 3_000, 10.0);
		assertThat(Finding.of(this.store.traces(), 200)).singleElement()
			.satisfies((finding) -> assertThat(finding.exampleTraceIds()).containsExactly(newest, newer, middle)
				.doesNotContain(oldest));
	}

	@Test
	void theJsonHasTheContractsFieldsAndAHintForEachRow() {
		String traceId = slow("GET /orders/{id}", 0, 600);
		DocumentContext json = JsonPath.parse(StatisticsJson.findings(Finding.of(this.store.traces(), 200)));
		assertThat(json.<String>read("$.findings[0].kind")).isEqualTo("slow_query");
		assertThat(json.<String>read("$.findings[0].endpoint")).isEqualTo("GET /orders/{id}");
		assertThat(json.<String>read("$.findings[0].statement")).isEqualTo("SELECT id, total FROM orders WHERE id = ?");
		assertThat(json.<Integer>read("$.findings[0].count")).isEqualTo(1);
		assertThat(json.<Double>read("$.findings[0].totalMs")).isEqualTo(600.0);
		assertThat(json.<List<String>>read("$.findings[0].exampleTraceIds")).containsExactly(traceId);
		assertThat(json.<String>read("$.findings[0].hint")).contains("plan");
	}

	@Test
	void largeResultsSayHowManyRowsTheyReturned() {
		String older = largeResult("GET /orders", 0, 40, 1_200);
		String newer = largeResult("GET /orders", 1_000, 60, 50_000);
		DocumentContext json = JsonPath.parse(StatisticsJson.findings(Finding.of(this.store.traces(), 200)));
		assertThat(json.<String>read("$.findings[0].kind")).isEqualTo("large_result");
		assertThat(json.<String>read("$.findings[0].endpoint")).isEqualTo("GET /orders");
		assertThat(json.<String>read("$.findings[0].statement")).isEqualTo("SELECT * FROM orders");
		assertThat(json.<Integer>read("$.findings[0].count")).isEqualTo(2);
		assertThat(json.<Double>read("$.findings[0].totalMs")).isEqualTo(100.0);
		assertThat(json.<List<String>>read("$.findings[0].exampleTraceIds")).containsExactly(newer, older);
		assertThat(json.<String>read("$.findings[0].hint"))
			.startsWith("This statement returned up to 50,000 rows to the application: page it");
	}

	@Test
	void atMostTheRowsAskedForTheCostliestKept() {
		for (int i = 0; i < 10; i++) {
			slow("GET /orders/" + i, i * 100, 10 + i);
		}
		assertThat(Finding.of(this.store.traces(), 3)).extracting(Finding::endpoint)
			.containsExactly("GET /orders/9", "GET /orders/8", "GET /orders/7");
	}

	private String nPlusOne(String endpoint, long atMillis, double ms) {
		Span request = request(endpoint, atMillis);
		request.addEvent("distrace.n_plus_one",
				Attributes.of(AttributeKey.stringKey("db.query.text"), LINES_SQL,
						AttributeKey.longKey("distrace.db.query_count"), 8L,
						AttributeKey.doubleKey("distrace.db.duration_ms"), ms));
		request.setAttribute("distrace.db.n_plus_one", true);
		return end(request, atMillis, 100);
	}

	private String slow(String endpoint, long atMillis, long ms) {
		Span request = request(endpoint, atMillis);
		query(request, "SELECT orders", "SELECT id, total FROM orders WHERE id = ?", atMillis)
			.setAttribute("distrace.db.slow", true)
			.end(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis + ms), TimeUnit.NANOSECONDS);
		return end(request, atMillis, ms + 1);
	}

	private String largeResult(String endpoint, long atMillis, long ms, long rows) {
		Span request = request(endpoint, atMillis);
		query(request, "SELECT orders", "SELECT * FROM orders", atMillis)
			.setAttribute("db.response.returned_rows", rows)
			.setAttribute("distrace.db.large_result", true)
			.end(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis + ms), TimeUnit.NANOSECONDS);
		return end(request, atMillis, ms + 1);
	}

	private String failed(String endpoint, long atMillis, long ms) {
		Span request = request(endpoint, atMillis);
		query(request, "INSERT orders", "INSERT INTO orders VALUES (?, ?)", atMillis).setStatus(StatusCode.ERROR)
			.end(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis + ms), TimeUnit.NANOSECONDS);
		return end(request, atMillis, ms + 1);
	}

	private String poolWait(String endpoint, long atMillis, long ms) {
		Span request = request(endpoint, atMillis);
		this.tracer.spanBuilder("HikariDataSource.getConnection")
			.setParent(Context.root().with(request))
			.setAttribute("distrace.db.pool_wait", true)
			.setAttribute("db.client.connection.pool.name", "HikariPool-1")
			.setStartTimestamp(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis), TimeUnit.NANOSECONDS)
			.startSpan()
			.end(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis + ms), TimeUnit.NANOSECONDS);
		return end(request, atMillis, ms + 1);
	}

	private Span request(String endpoint, long atMillis) {
		return this.tracer.spanBuilder(endpoint)
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis), TimeUnit.NANOSECONDS)
			.startSpan();
	}

	private Span query(Span request, String name, String sql, long atMillis) {
		return this.tracer.spanBuilder(name)
			.setParent(Context.root().with(request))
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute("db.system.name", "postgresql")
			.setAttribute("db.query.text", sql)
			.setStartTimestamp(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis), TimeUnit.NANOSECONDS)
			.startSpan();
	}

	private String end(Span request, long atMillis, long ms) {
		request.end(this.start + TimeUnit.MILLISECONDS.toNanos(atMillis + ms), TimeUnit.NANOSECONDS);
		return request.getSpanContext().getTraceId();
	}

}
