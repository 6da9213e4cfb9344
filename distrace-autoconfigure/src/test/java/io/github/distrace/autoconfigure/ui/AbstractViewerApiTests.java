package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's JSON API and static files on a real server, the same whichever front (the
 * servlet, the WebFlux route) serves them.
 */
abstract class AbstractViewerApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Tracer tracer;

	@Autowired
	TraceStore store;

	RestClient client;

	OrderTraces traces;

	@BeforeEach
	void setUp() {
		this.store.clear();
		this.client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/distrace")
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		this.traces = new OrderTraces(this.tracer);
	}

	@Test
	void listsTracesNewestFirstWithTheirSummary() {
		long now = System.currentTimeMillis();
		String older = this.traces.order(now - 10_000, false);
		String newer = this.traces.order(now - 5_000, true);
		String json = get("/api/traces").getBody();
		assertThat(JsonPath.<List<String>>read(json, "$.traces[*].traceId")).containsExactly(newer, older);
		assertThat(JsonPath.<String>read(json, "$.traces[0].rootName")).isEqualTo("GET /orders/{id}");
		assertThat(JsonPath.<List<String>>read(json, "$.traces[0].services")).containsExactly("orders");
		assertThat(JsonPath.<Integer>read(json, "$.traces[0].spanCount")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(json, "$.traces[0].durationMicros")).isEqualTo(40_000);
		assertThat(JsonPath.<Number>read(json, "$.traces[0].startMicros").longValue()).isEqualTo((now - 5_000) * 1000);
		assertThat(JsonPath.<Boolean>read(json, "$.traces[0].error")).isTrue();
		assertThat(JsonPath.<Boolean>read(json, "$.traces[1].error")).isFalse();
		assertThat(JsonPath.<Integer>read(json, "$.storedTraces")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(json, "$.maxTraces")).isEqualTo(1000);
	}

	@Test
	void filtersTheList() {
		long now = System.currentTimeMillis();
		String ok = this.traces.order(now - 2_000, false);
		String failed = this.traces.order(now - 1_000, true);
		String hostile = this.traces.hostile(now);
		assertThat(traceIds("errors=true")).containsExactly(failed);
		assertThat(traceIds("sql=from ORDERS")).containsExactly(failed, ok);
		assertThat(traceIds("name=orderservice")).containsExactly(failed, ok);
		assertThat(traceIds("minDuration=20ms")).containsExactly(failed, ok);
		assertThat(traceIds("maxDuration=10")).containsExactly(hostile);
		assertThat(traceIds("attribute=http.response.status_code=500")).containsExactly(failed);
		assertThat(traceIds("service=orders&limit=1")).containsExactly(hostile);
		assertThat(traceIds("service=payments")).isEmpty();
	}

	@Test
	void summarisesTheDatabaseWorkOfEachTraceAndFiltersNPlusOnes() {
		long now = System.currentTimeMillis();
		String order = this.traces.order(now - 2_000, false);
		String list = this.traces.orderList(now - 1_000, 8);
		String json = get("/api/traces").getBody();
		assertThat(JsonPath.<List<String>>read(json, "$.traces[*].traceId")).containsExactly(list, order);
		assertThat(JsonPath.<List<Integer>>read(json, "$.traces[*].queryCount")).containsExactly(9, 1);
		assertThat(JsonPath.<List<Integer>>read(json, "$.traces[*].dbDurationMicros")).containsExactly(38_000, 20_000);
		assertThat(JsonPath.<List<Boolean>>read(json, "$.traces[*].nPlusOne")).containsExactly(true, false);
		assertThat(traceIds("nPlusOne=true")).containsExactly(list);
		assertThat(traceIds("statement=SELECT id, total FROM orders WHERE id = ?")).containsExactly(order);
	}

	@Test
	void aggregatesQueriesEndpointsAndFindingsOfTheStoredTraces() {
		String list = this.traces.orderList(System.currentTimeMillis() - 1_000, 8);
		String order = this.traces.order(System.currentTimeMillis(), false);
		String queries = get("/api/queries").getBody();
		assertThat(JsonPath.<List<String>>read(queries, "$.queries[*].text")).containsExactly(OrderTraces.LINES_SQL,
				"SELECT id, total FROM orders WHERE id = ?", "SELECT id, total FROM orders WHERE status = ?");
		assertThat(JsonPath.<List<Integer>>read(queries, "$.queries[*].count")).containsExactly(8, 1, 1);
		String endpoints = get("/api/endpoints").getBody();
		assertThat(JsonPath.<List<String>>read(endpoints, "$.endpoints[*].name"))
			.containsExactlyInAnyOrder("GET /orders/{id}", "GET /orders");
		String findings = get("/api/findings").getBody();
		assertThat(JsonPath.<List<String>>read(findings, "$.findings[?(@.kind == 'n_plus_one')].statement"))
			.containsExactly(OrderTraces.LINES_SQL);
		assertThat(JsonPath.<List<String>>read(findings, "$.findings[*].exampleTraceIds[*]")).contains(list)
			.doesNotContain(order);
	}

	@Test
	void answersEmptyStatisticsWithNoTraces() {
		assertThat(get("/api/queries").getBody()).isEqualTo("{\"queries\":[]}");
		assertThat(get("/api/endpoints").getBody()).isEqualTo("{\"endpoints\":[]}");
	}

	@Test
	void rejectsInvalidFilters() {
		ResponseEntity<String> response = get("/api/traces?minDuration=soon");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(response.getBody(), "$.error")).contains("minDuration", "250ms");
	}

	@Test
	void showsOneTraceWithAllItsSpans() {
		String traceId = this.traces.order(System.currentTimeMillis(), true);
		String json = get("/api/traces/" + traceId.toUpperCase()).getBody();
		assertThat(JsonPath.<String>read(json, "$.traceId")).isEqualTo(traceId);
		assertThat(JsonPath.<List<String>>read(json, "$.spans[*].name")).containsExactly("GET /orders/{id}",
				"OrderService.find", "SELECT orders");
		String serverId = JsonPath.read(json, "$.spans[0].spanId");
		String serviceId = JsonPath.read(json, "$.spans[1].spanId");
		assertThat(JsonPath.<String>read(json, "$.spans[0].parentSpanId")).isEmpty();
		assertThat(JsonPath.<String>read(json, "$.spans[1].parentSpanId")).isEqualTo(serverId);
		assertThat(JsonPath.<String>read(json, "$.spans[2].parentSpanId")).isEqualTo(serviceId);
		assertThat(JsonPath.<List<String>>read(json, "$.spans[*].kind")).containsExactly("SERVER", "INTERNAL",
				"CLIENT");
		assertThat(JsonPath.<String>read(json, "$.spans[2].attributes['db.query.text']"))
			.isEqualTo("SELECT id, total FROM orders WHERE id = ?");
		assertThat(JsonPath.<Integer>read(json, "$.spans[0].attributes['http.response.status_code']")).isEqualTo(500);
		assertThat(JsonPath.<String>read(json, "$.spans[2].status")).isEqualTo("ERROR");
		assertThat(JsonPath.<String>read(json, "$.spans[2].statusMessage")).isEqualTo("Table ORDERS not found");
		assertThat(JsonPath.<String>read(json, "$.spans[2].events[0].name")).isEqualTo("exception");
		assertThat(JsonPath.<String>read(json, "$.spans[2].events[0].attributes['exception.stacktrace']"))
			.contains("java.lang.IllegalStateException: Table ORDERS not found", "at ");
		assertThat(JsonPath.<String>read(json, "$.spans[1].resource['service.name']")).isEqualTo("orders");
		assertThat(JsonPath.<Number>read(json, "$.spans[2].durationMicros").longValue()).isEqualTo(20_000);
	}

	@Test
	void neverKeepsCredentialHeaders() {
		String traceId = this.traces.order(System.currentTimeMillis(), false);
		String json = get("/api/traces/" + traceId).getBody();
		assertThat(json).doesNotContain("secret-token", "secret-session", "new-secret");
		for (String header : List.of("http.request.header.authorization", "http.request.header.cookie",
				"http.response.header.set-cookie")) {
			assertThat(JsonPath.<String>read(json, "$.spans[0].attributes['" + header + "']")).isEqualTo("[redacted]");
		}
	}

	@Test
	void escapesHostileValuesInJson() {
		String traceId = this.traces.hostile(System.currentTimeMillis());
		String json = get("/api/traces/" + traceId).getBody();
		assertThat(json).doesNotContain("<img", "</script>").contains("\\u003cimg src=x onerror=alert(1)\\u003e");
		assertThat(JsonPath.<String>read(json, "$.spans[0].name")).isEqualTo(OrderTraces.XSS);
	}

	@Test
	void answersUnknownAndInvalidTraceIds() {
		assertThat(get("/api/traces/0af7651916cd43dd8448eb211c80319c").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<String> invalid = get("/api/traces/%3Cscript%3E");
		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(invalid.getBody()).contains("32 hexadecimal digits");
	}

	@Test
	void servesTheViewerWithARestrictiveContentSecurityPolicy() {
		for (String path : List.of("/", "/viewer.js", "/viewer.css", "/api/traces")) {
			ResponseEntity<String> response = get(path);
			assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
			assertThat(response.getHeaders().getFirst("Content-Security-Policy")).as(path)
				.contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval");
			assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		}
		ResponseEntity<String> page = get("/");
		assertThat(page.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
		assertThat(page.getBody()).contains("<script src=\"viewer.js\" defer></script>");
		assertThat(get("/viewer.js").getBody()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
				"document.write", "eval(");
		assertThat(get("/nothing-here").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void redirectsThePathWithoutTrailingSlash() {
		ResponseEntity<String> response = RestClient.builder()
			.requestFactory(new org.springframework.http.client.SimpleClientHttpRequestFactory() {
				@Override
				protected void prepareConnection(java.net.HttpURLConnection connection, String method)
						throws IOException {
					super.prepareConnection(connection, method);
					connection.setInstanceFollowRedirects(false);
				}
			})
			.defaultStatusHandler((status) -> true, (request, r) -> {
			})
			.build()
			.get()
			.uri("http://127.0.0.1:" + this.port + "/distrace")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		// Absolute from Tomcat, relative from Reactor Netty: both lead to the same place.
		URI requested = URI.create("http://127.0.0.1:" + this.port + "/distrace");
		assertThat(requested.resolve(response.getHeaders().getLocation()))
			.hasToString("http://127.0.0.1:" + this.port + "/distrace/");
	}

	@Test
	void leavesOtherPathsAlone() {
		ResponseEntity<String> response = this.client.get()
			.uri("http://127.0.0.1:" + this.port + "/distrace-other")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getFirst("Content-Security-Policy")).isNull();
	}

	private List<String> traceIds(String query) {
		return JsonPath.read(get("/api/traces?" + query).getBody(), "$.traces[*].traceId");
	}

	ResponseEntity<String> get(String path) {
		return this.client.get().uri(path).retrieve().toEntity(String.class);
	}

}
