package io.github.distrace.autoconfigure.web.reactive;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server spans of a real WebFlux application on Netty, on a random port, as a real OTLP
 * receiver gets them.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.application.name=orders",
				"distrace.web.exclude=/actuator/**,/internal/**", "distrace.web.server-timing=true",
				"distrace.batch.schedule-delay=50ms" })
class WebFluxServerSpanIntegrationTests {

	// Made for each test class (WebFluxOnTomcatServerSpanIntegrationTests runs these
	// tests again on another server, in an application context of its own).
	private static OtlpReceiver receiver;

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", () -> receiver.endpoint());
	}

	@BeforeAll
	static void startReceiver() throws IOException {
		receiver = OtlpReceiver.http();
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@Test
	void controllerSpanIsNamedAfterTheRouteWithHttpAttributes() throws Exception {
		HttpResponse<String> response = get("/orders/42", "User-Agent", "distrace-test");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /orders/{id}");
		assertThat(span.kind()).isEqualTo("SERVER");
		assertThat(span.statusCode()).isEqualTo("UNSET");
		assertThat(span.parentSpanId()).isEmpty();
		assertThat(span.attributes()).containsEntry("http.request.method", "GET")
			.containsEntry("http.route", "/orders/{id}")
			.containsEntry("url.path", "/orders/42")
			.containsEntry("url.scheme", "http")
			.containsEntry("http.response.status_code", "200")
			.containsEntry("server.address", "localhost")
			.containsEntry("server.port", String.valueOf(this.port))
			.containsEntry("user_agent.original", "distrace-test")
			.containsKey("client.address")
			.doesNotContainKey("error.type");
		assertThat(response.headers().firstValue("Server-Timing"))
			.hasValueSatisfying((timing) -> assertThat(timing).startsWith("db;dur=0.0").contains("app;dur="));
	}

	@Test
	void functionalRouteIsNamedAfterItsPattern() throws Exception {
		HttpResponse<String> response = get("/items/7");
		assertThat(response.body()).isEqualTo("item 7");
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /items/{id}");
		assertThat(span.attributes()).containsEntry("http.route", "/items/{id}");
	}

	@Test
	void unmatchedRequestIsNamedAfterItsMethodAlone() throws Exception {
		HttpResponse<String> response = get("/nowhere");
		assertThat(response.statusCode()).isEqualTo(404);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET");
		assertThat(span.statusCode()).isEqualTo("UNSET");
		assertThat(span.attributes()).containsEntry("http.response.status_code", "404").doesNotContainKey("http.route");
	}

	@Test
	void incomingContextIsContinuedAndBaggageReachesTheChain() throws Exception {
		HttpResponse<String> response = get("/baggage", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
				"baggage", "tenant=acme");
		assertThat(response.body()).isEqualTo("acme,yes");
		ReceivedSpan span = serverSpan(response);
		assertThat(span.traceId()).isEqualTo(TRACE_ID);
		assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
	}

	@Test
	void tracedMonoMethodAndSpansInsideOperatorsHaveExactParents() throws Exception {
		HttpResponse<String> response = get("/chain/5");
		assertThat(response.body()).isEqualTo("loaded 5");
		ReceivedSpan server = serverSpan(response);
		List<ReceivedSpan> trace = receiver.awaitSpans((span) -> span.traceId().equals(server.traceId()), 3);
		assertOneTrace(trace, "5");
	}

	@Test
	void webClientCallToTheSameServerMakesOneTrace() throws Exception {
		HttpResponse<String> response = get("/call/9");
		assertThat(response.body()).isEqualTo("order 9");
		ReceivedSpan caller = serverSpan(response);
		List<ReceivedSpan> trace = receiver.awaitSpans((span) -> span.traceId().equals(caller.traceId()), 3);
		ReceivedSpan client = only(trace, (span) -> span.kind().equals("CLIENT"));
		ReceivedSpan callee = only(trace, (span) -> span.name().equals("GET /orders/{id}"));
		assertThat(client.parentSpanId()).isEqualTo(caller.spanId());
		assertThat(callee.parentSpanId()).isEqualTo(client.spanId());
		assertThat(caller.name()).isEqualTo("GET /call/{id}");
	}

	@Test
	void errorSignalledInTheChainFailsTheSpan() throws Exception {
		HttpResponse<String> response = get("/fail");
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /fail");
		assertThat(span.statusCode()).isEqualTo("ERROR");
		assertThat(span.attributes()).containsEntry("http.response.status_code", "500")
			.containsEntry("error.type", IllegalStateException.class.getName());
	}

	@Test
	void cancelledRequestEndsItsSpan() throws Exception {
		WebFluxTestApplication.slowStarted = new CountDownLatch(1);
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(WebFluxTestApplication.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
		}
		ReceivedSpan span = receiver.awaitSpan((candidate) -> candidate.name().equals("GET /slow"));
		assertThat(span.statusCode()).isEqualTo("UNSET");
		assertThat(span.attributes()).containsEntry("error.type", "cancelled")
			.doesNotContainKey("http.response.status_code");
	}

	@Test
	void hostileHeadersAreServed() throws Exception {
		HttpResponse<String> malformed = get("/orders/1", "traceparent", "00-xyz-" + PARENT_ID + "-01");
		assertThat(malformed.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(malformed);
		assertThat(span.parentSpanId()).isEmpty();
		assertThat(span.traceId()).isNotEqualTo(TRACE_ID);
		HttpResponse<String> twoParents = get("/orders/2", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
				"traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
		assertThat(serverSpan(twoParents).traceId()).isNotEqualTo(TRACE_ID);
		// Refused by the server before any filter runs (the JDK's client would not even
		// send it).
		assertThat(rawResponse("/intern%zzal/ping")).startsWith("HTTP/1.1 400");
		String hugeBaggage = "k=" + "v".repeat(7000);
		HttpResponse<String> baggage = get("/baggage", "baggage", hugeBaggage);
		assertThat(baggage.statusCode()).isEqualTo(200);
		assertThat(serverSpan(baggage).name()).isEqualTo("GET /baggage");
	}

	@Test
	void excludedPathGetsNoSpanAndNoTraceResponse() throws Exception {
		HttpResponse<String> response = get("/internal/ping", "traceparent",
				"00-0af7651916cd43dd8448eb211c80319c-" + PARENT_ID + "-01");
		assertThat(response.body()).isEqualTo("pong");
		assertThat(response.headers().firstValue("traceresponse")).isEmpty();
		HttpResponse<String> escaped = get("/intern%61l/ping");
		assertThat(escaped.body()).isEqualTo("pong");
		assertThat(escaped.headers().firstValue("traceresponse")).isEmpty();
		serverSpan(get("/orders/after-excluded"));
		assertThat(receiver.spans()).noneMatch((span) -> span.traceId().equals("0af7651916cd43dd8448eb211c80319c"));
	}

	@Test
	void concurrentRequestsOnTheEventLoopNeverMixTheirSpans() throws Exception {
		int requests = 300;
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			responses.add(this.http.sendAsync(request("/chain/c" + i), BodyHandlers.ofString()));
		}
		Map<String, String> traceIdByOrder = new java.util.HashMap<>();
		for (int i = 0; i < requests; i++) {
			HttpResponse<String> response = responses.get(i).get(30, TimeUnit.SECONDS);
			assertThat(response.body()).isEqualTo("loaded c" + i);
			traceIdByOrder.put("c" + i, traceId(response));
		}
		assertThat(traceIdByOrder.values()).doesNotHaveDuplicates();
		receiver.awaitSpans((span) -> traceIdByOrder.containsValue(span.traceId()), requests * 3);
		Map<String, List<ReceivedSpan>> byTrace = receiver.spans()
			.stream()
			.filter((span) -> traceIdByOrder.containsValue(span.traceId()))
			.collect(Collectors.groupingBy(ReceivedSpan::traceId));
		traceIdByOrder.forEach((order, traceId) -> assertOneTrace(byTrace.get(traceId), order));
	}

	/**
	 * Assert that a trace holds exactly the server span, the traced method's span below
	 * it and the span made inside its operators below that, all of one order.
	 */
	private void assertOneTrace(List<ReceivedSpan> trace, String order) {
		assertThat(trace).hasSize(3);
		ReceivedSpan server = only(trace, (span) -> span.kind().equals("SERVER"));
		ReceivedSpan load = only(trace, (span) -> span.name().equals("OrderLoader.load"));
		ReceivedSpan inner = only(trace, (span) -> span.name().equals("inner"));
		assertThat(server.attributes()).containsEntry("url.path", "/chain/" + order);
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(load.parentSpanId()).isEqualTo(server.spanId());
		assertThat(load.attributes()).containsEntry("order.id", order);
		assertThat(inner.parentSpanId()).isEqualTo(load.spanId());
		assertThat(inner.attributes()).containsEntry("order.id", order);
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans, java.util.function.Predicate<ReceivedSpan> predicate) {
		List<ReceivedSpan> matching = spans.stream().filter(predicate).toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		return this.http.send(request(path, headers), BodyHandlers.ofString());
	}

	private HttpRequest request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder.build();
	}

	/**
	 * Return the response, head and body, to a request sent as written: the JDK's client
	 * refuses paths that are not valid URIs.
	 */
	private String rawResponse(String path) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private static String traceId(HttpResponse<String> response) {
		String header = response.headers().firstValue("traceresponse").orElseThrow();
		return header.split("-")[1];
	}

	int port() {
		return this.port;
	}

	static OtlpReceiver receiver() {
		return receiver;
	}

	private static ReceivedSpan serverSpan(HttpResponse<String> response) {
		String spanId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[2];
		return receiver.awaitSpan((span) -> span.spanId().equals(spanId));
	}

}
