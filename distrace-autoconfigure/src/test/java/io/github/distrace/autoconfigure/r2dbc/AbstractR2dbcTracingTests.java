package io.github.distrace.autoconfigure.r2dbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.github.distrace.autoconfigure.r2dbc.R2dbcTestApplication.OptionsCapableConnectionFactory;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R2DBC query spans in a WebFlux application on Netty, against a real database, as a real
 * OTLP receiver gets them. Subclasses name the database and start the application with
 * {@code @SpringBootTest(classes = R2dbcTestApplication.class, ...)}.
 */
abstract class AbstractR2dbcTracingTests {

	static final String PROPERTIES = "spring.main.web-application-type=reactive";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionFactory connectionFactory;

	static void exportTo(OtlpReceiver receiver, DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
		registry.add("distrace.batch.schedule-delay", () -> "50ms");
		registry.add("distrace.jdbc.slow-query.threshold", () -> "200ms");
	}

	/**
	 * Return the receiver the application exports to: one per test class, as each has an
	 * application of its own.
	 */
	abstract OtlpReceiver receiver();

	/**
	 * Return the database's {@code db.system.name}.
	 */
	abstract String system();

	/**
	 * Return the bind marker the driver uses for the first parameter.
	 */
	abstract String firstBindMarker();

	/**
	 * Return the SQLSTATE of a reference to a column that does not exist.
	 */
	abstract String unknownColumnState();

	/**
	 * Check the attributes the connection factory's options give: database, host, port.
	 */
	abstract void assertConnectionAttributes(Map<String, String> attributes);

	@Test
	void connectionFactoryKeepsItsTypeAndIsTraced() {
		assertThat(this.connectionFactory).isInstanceOf(OptionsCapableConnectionFactory.class);
		assertThat(AopUtils.isAopProxy(this.connectionFactory)).isTrue();
		assertThat(ConnectionFactoryTracingPostProcessor.isTraced(this.connectionFactory)).isTrue();
	}

	@Test
	void querySpanIsAChildOfTheTracedMonoMethodBelowTheServerSpan() throws Exception {
		HttpResponse<String> response = get("/orders/3");
		assertThat(response.body()).isEqualTo("PAID");
		List<ReceivedSpan> trace = trace(response, 3);
		assertOneOrderTrace(trace, "3");
		ReceivedSpan query = only(trace, (span) -> span.kind().equals("CLIENT"));
		assertThat(query.name()).isEqualTo("SELECT " + R2dbcTestApplication.TABLE);
		assertThat(query.statusCode()).isEqualTo("UNSET");
		assertThat(query.attributes()).containsEntry("db.system.name", system())
			.containsEntry("db.operation.name", "SELECT")
			.containsEntry("db.collection.name", R2dbcTestApplication.TABLE)
			.containsEntry("db.query.summary", "SELECT " + R2dbcTestApplication.TABLE)
			.containsEntry("db.query.text",
					"SELECT status FROM " + R2dbcTestApplication.TABLE + " WHERE id = " + firstBindMarker())
			.containsEntry("db.response.returned_rows", "1");
		assertConnectionAttributes(query.attributes());
		ReceivedSpan server = only(trace, (span) -> span.kind().equals("SERVER"));
		assertThat(server.attributes()).containsEntry("distrace.db.query_count", "1");
	}

	@Test
	void statementsIssuedPerElementOfAFluxAreAnNPlusOne() throws Exception {
		HttpResponse<String> response = get("/orders/statuses");
		assertThat(response.statusCode()).isEqualTo(200);
		List<ReceivedSpan> trace = trace(response, 8);
		ReceivedSpan server = only(trace, (span) -> span.kind().equals("SERVER"));
		ReceivedSpan method = only(trace, (span) -> span.name().equals("Orders.oneByOne"));
		List<ReceivedSpan> queries = trace.stream().filter((span) -> span.kind().equals("CLIENT")).toList();
		assertThat(queries).hasSize(6)
			.allSatisfy((query) -> assertThat(query.parentSpanId()).isEqualTo(method.spanId()));
		assertThat(method.parentSpanId()).isEqualTo(server.spanId());
		assertThat(server.attributes()).containsEntry("distrace.db.n_plus_one", "true")
			.containsEntry("distrace.db.query_count", "6");
		assertThat(method.eventAttributes("distrace.n_plus_one")).isNotNull()
			.containsEntry("distrace.db.query_count", "6")
			.containsEntry("db.query.summary", "SELECT " + R2dbcTestApplication.TABLE);
	}

	@Test
	void concurrentRequestsOnTheEventLoopNeverMixTheirSpans() throws Exception {
		int requests = 200;
		// Each statement opens a connection of its own (no pool): fewer at once than the
		// database's connection limit.
		Semaphore inFlight = new Semaphore(40);
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			inFlight.acquire();
			responses.add(this.http
				.sendAsync(request("/orders/" + (1 + i % R2dbcTestApplication.ORDERS)), BodyHandlers.ofString())
				.whenComplete((response, failure) -> inFlight.release()));
		}
		Map<String, String> orderByTraceId = new HashMap<>();
		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = responses.get(i).get(60, TimeUnit.SECONDS);
			assertThat(response.body()).isEqualTo("PAID");
			orderByTraceId.put(traceId(response), String.valueOf(1 + i % R2dbcTestApplication.ORDERS));
		}
		assertThat(orderByTraceId).hasSize(requests);
		receiver().awaitSpans((span) -> orderByTraceId.containsKey(span.traceId()), requests * 3);
		Map<String, List<ReceivedSpan>> byTrace = receiver().spans()
			.stream()
			.filter((span) -> orderByTraceId.containsKey(span.traceId()))
			.collect(Collectors.groupingBy(ReceivedSpan::traceId));
		orderByTraceId.forEach((traceId, order) -> assertOneOrderTrace(byTrace.get(traceId), order));
	}

	@Test
	void failedStatementIsAnErrorWithoutItsValues() throws Exception {
		HttpResponse<String> response = get("/orders/broken");
		assertThat(response.statusCode()).isEqualTo(500);
		List<ReceivedSpan> trace = trace(response, 3);
		ReceivedSpan query = only(trace, (span) -> span.kind().equals("CLIENT"));
		assertThat(query.statusCode()).isEqualTo("ERROR");
		assertThat(query.attributes()).containsEntry("error.type", unknownColumnState())
			.containsEntry("db.response.status_code", unknownColumnState())
			.containsEntry("db.query.text",
					"SELECT no_such_column FROM " + R2dbcTestApplication.TABLE + " WHERE status = ?");
		assertThat(query.eventAttributes("exception")).isNotNull().doesNotContainKey("exception.message");
		ReceivedSpan method = only(trace, (span) -> span.name().equals("Orders.broken"));
		assertThat(method.statusCode()).isEqualTo("ERROR");
		assertThat(trace).allSatisfy((span) -> {
			assertThat(span.statusMessage()).doesNotContain("secret-value");
			assertThat(span.attributes().values()).noneMatch((value) -> value.contains("secret-value"));
			span.eventAttributes()
				.forEach((event) -> assertThat(event.values()).noneMatch((value) -> value.contains("secret-value")));
		});
	}

	@Test
	void cancelledQueryEndsItsSpan() throws Exception {
		HttpResponse<String> response = get("/orders/first-two");
		assertThat(response.body()).isEqualTo("[1,2]");
		List<ReceivedSpan> trace = trace(response, 3);
		ReceivedSpan method = only(trace, (span) -> span.name().equals("Orders.all"));
		ReceivedSpan query = only(trace, (span) -> span.kind().equals("CLIENT"));
		assertThat(query.parentSpanId()).isEqualTo(method.spanId());
		assertThat(query.statusCode()).isEqualTo("UNSET");
		assertThat(Long.parseLong(query.attribute("db.response.returned_rows"))).isBetween(2L,
				(long) R2dbcTestApplication.ORDERS);
	}

	@Test
	void slowStatementIsMarked() throws Exception {
		HttpResponse<String> response = get("/orders/slow");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan query = only(trace(response, 3), (span) -> span.kind().equals("CLIENT"));
		assertThat(query.attributes()).containsEntry("distrace.db.slow", "true");
	}

	private void assertOneOrderTrace(List<ReceivedSpan> trace, String order) {
		assertThat(trace).hasSize(3);
		ReceivedSpan server = only(trace, (span) -> span.kind().equals("SERVER"));
		ReceivedSpan method = only(trace, (span) -> span.name().equals("Orders.status"));
		ReceivedSpan query = only(trace, (span) -> span.kind().equals("CLIENT"));
		assertThat(server.attributes()).containsEntry("url.path", "/orders/" + order);
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(method.parentSpanId()).isEqualTo(server.spanId());
		assertThat(method.attributes()).containsEntry("order.id", order);
		assertThat(query.parentSpanId()).isEqualTo(method.spanId());
	}

	private List<ReceivedSpan> trace(HttpResponse<String> response, int spans) {
		String traceId = traceId(response);
		return receiver().awaitSpans((span) -> span.traceId().equals(traceId), spans);
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans, Predicate<ReceivedSpan> predicate) {
		List<ReceivedSpan> matching = spans.stream().filter(predicate).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path), BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
	}

	private static String traceId(HttpResponse<String> response) {
		return response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
	}

	static OtlpReceiver newReceiver() {
		try {
			return OtlpReceiver.http();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
