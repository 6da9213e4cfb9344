package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server spans of a real Spring MVC application on a random port, as a real OTLP receiver
 * gets them.
 */
@SpringBootTest(classes = ServerTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=orders", "distrace.web.exclude=/actuator/**,/internal/**",
				"distrace.batch.schedule-delay=50ms" })
class ServerSpanIntegrationTests {

	private static final OtlpReceiver receiver = TestReceivers.http();

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	private static final Pattern TRACE_RESPONSE = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@BeforeEach
	void createClient() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void spanIsNamedAfterTheRouteWithHttpAttributes() throws Exception {
		HttpResponse<String> response = this.http.get("/orders/42", "User-Agent", "distrace-test");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /orders/{id}");
		assertThat(span.kind()).isEqualTo("SERVER");
		assertThat(span.statusCode()).isEqualTo("UNSET");
		assertThat(span.parentSpanId()).isEmpty();
		assertThat(span.serviceName()).isEqualTo("orders");
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
	}

	@Test
	void traceResponseHeaderNamesTheExportedServerSpan() throws Exception {
		HttpResponse<String> response = this.http.get("/orders/7");
		Matcher header = traceResponse(response);
		ReceivedSpan span = receiver.awaitSpan((candidate) -> candidate.traceId().equals(header.group(1)));
		assertThat(span.spanId()).isEqualTo(header.group(2));
		assertThat(span.kind()).isEqualTo("SERVER");
		assertThat(sampled(header)).isTrue();
	}

	@Test
	void unmatchedRequestIsNamedAfterTheMethodOnly() throws Exception {
		HttpResponse<String> response = this.http.get("/no/such/thing");
		assertThat(response.statusCode()).isEqualTo(404);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET");
		assertThat(span.attributes()).doesNotContainKey("http.route")
			.containsEntry("http.response.status_code", "404")
			.containsEntry("url.path", "/no/such/thing");
		assertThat(span.statusCode()).isEqualTo("UNSET");
	}

	@Test
	void unknownMethodDoesNotNameTheSpan() throws IOException {
		String head = this.http.raw("BREW", "/orders/9");
		Matcher header = TRACE_RESPONSE.matcher(head);
		assertThat(header.find()).isTrue();
		ReceivedSpan span = receiver.awaitSpan((candidate) -> candidate.spanId().equals(header.group(2)));
		assertThat(span.name()).startsWith("HTTP");
		assertThat(span.attributes()).containsEntry("http.request.method", "_OTHER")
			.containsEntry("http.request.method_original", "BREW");
	}

	@Test
	void excludedPathsGetNoSpan() throws Exception {
		String traceId = "11111111111111111111111111111111";
		HttpResponse<String> excluded = this.http.get("/internal/ping", "traceparent",
				"00-" + traceId + "-" + PARENT_ID + "-01");
		assertThat(excluded.statusCode()).isEqualTo(200);
		assertThat(excluded.headers().firstValue("traceresponse")).isEmpty();
		serverSpan(this.http.get("/orders/after-excluded"));
		assertThat(receiver.spans())
			.noneMatch((span) -> span.traceId().equals(traceId) || "/internal/ping".equals(span.attribute("url.path")));
	}

	@Test
	void serverErrorStatusMarksTheSpan() throws Exception {
		HttpResponse<String> response = this.http.get("/unavailable");
		assertThat(response.statusCode()).isEqualTo(503);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /unavailable");
		assertThat(span.statusCode()).isEqualTo("ERROR");
		assertThat(span.attributes()).containsEntry("error.type", "503")
			.containsEntry("http.response.status_code", "503");
	}

	@Test
	void unhandledExceptionMarksTheSpanAndIsRecorded() throws Exception {
		HttpResponse<String> response = this.http.get("/fail");
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /fail");
		assertThat(span.statusCode()).isEqualTo("ERROR");
		assertThat(span.attributes()).containsEntry("error.type", "java.lang.IllegalStateException")
			.containsEntry("http.response.status_code", "500");
		assertThat(span.events()).containsExactly("exception");
	}

	@Test
	void exceptionHandlerThatAnswers500MarksTheSpanAndIsRecorded() throws Exception {
		HttpResponse<String> response = this.http.get("/handled");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).isEqualTo("rejected");
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /handled");
		assertThat(span.statusCode()).isEqualTo("ERROR");
		assertThat(span.attributes()).containsEntry("error.type",
				ServerTestApplication.OrderRejectedException.class.getName());
		assertThat(span.events()).containsExactly("exception");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/async/callable", "/async/deferred", "/async/future" })
	void asyncRequestSpanEndsWhenTheResponseCompletes(String path) throws Exception {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.body()).isEqualTo("done");
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET " + path);
		assertThat(span.attributes()).containsEntry(ServerTestApplication.ASYNC_DONE, "true")
			.containsEntry("http.response.status_code", "200");
		assertThat(span.statusCode()).isEqualTo("UNSET");
	}

	@Test
	void failedAsyncRequestMarksTheSpan() throws Exception {
		HttpResponse<String> response = this.http.get("/async/future-failed");
		assertThat(response.statusCode()).isEqualTo(500);
		ReceivedSpan span = serverSpan(response);
		assertThat(span.name()).isEqualTo("GET /async/future-failed");
		assertThat(span.attributes()).containsEntry(ServerTestApplication.ASYNC_DONE, "true")
			.containsEntry("http.response.status_code", "500")
			.containsEntry("error.type", "java.lang.IllegalStateException");
		assertThat(span.statusCode()).isEqualTo("ERROR");
	}

	@Test
	void incomingTraceparentIsContinued() throws Exception {
		HttpResponse<String> response = this.http.get("/orders/1", "traceparent",
				"00-" + TRACE_ID + "-" + PARENT_ID + "-01");
		Matcher header = traceResponse(response);
		assertThat(header.group(1)).isEqualTo(TRACE_ID);
		assertThat(sampled(header)).isTrue();
		ReceivedSpan span = receiver.awaitSpan((candidate) -> candidate.spanId().equals(header.group(2)));
		assertThat(span.traceId()).isEqualTo(TRACE_ID);
		assertThat(span.parentSpanId()).isEqualTo(PARENT_ID);
	}

	@Test
	void unsampledCallerIsHonoured() throws Exception {
		String traceId = "22222222222222222222222222222222";
		HttpResponse<String> response = this.http.get("/orders/2", "traceparent",
				"00-" + traceId + "-" + PARENT_ID + "-00");
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher header = traceResponse(response);
		assertThat(header.group(1)).isEqualTo(traceId);
		assertThat(sampled(header)).isFalse();
		serverSpan(this.http.get("/orders/after-unsampled"));
		assertThat(receiver.spans()).noneMatch((span) -> span.traceId().equals(traceId));
	}

	@ParameterizedTest
	@ValueSource(strings = { "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
			"00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "not a traceparent at all" })
	void malformedTraceparentStartsANewTraceAndIsServed(String traceparent) throws Exception {
		HttpResponse<String> response = this.http.get("/orders/3", "traceparent", traceparent);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("order 3");
		ReceivedSpan span = serverSpan(response);
		assertThat(span.traceId()).isNotEqualTo(TRACE_ID);
		assertThat(span.parentSpanId()).isEmpty();
	}

	@Test
	void twoTraceparentHeadersAreTreatedAsNone() throws IOException {
		String head = this.http.rawGet("/orders/4", "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01",
				"traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01");
		assertThat(head).startsWith("http/1.1 200");
		Matcher header = TRACE_RESPONSE.matcher(head);
		assertThat(header.find()).isTrue();
		assertThat(header.group(1)).isNotEqualTo(TRACE_ID);
		ReceivedSpan span = receiver.awaitSpan((candidate) -> candidate.spanId().equals(header.group(2)));
		assertThat(span.parentSpanId()).isEmpty();
	}

	@Test
	void severalTracestateHeadersAreJoinedInOrder() throws IOException {
		String head = this.http.rawGet("/tracestate", "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01",
				"tracestate: vendor1=a", "tracestate: vendor2=b,vendor3=c");
		assertThat(head).startsWith("http/1.1 200");
		String body = rawBody("/tracestate", "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01",
				"tracestate: vendor1=a", "tracestate: vendor2=b,vendor3=c");
		assertThat(body).isEqualTo("vendor1=a,vendor2=b,vendor3=c");
	}

	private String rawBody(String path, String... headerLines) throws IOException {
		try {
			String[] nameValues = new String[headerLines.length * 2];
			for (int i = 0; i < headerLines.length; i++) {
				String[] parts = headerLines[i].split(": ", 2);
				nameValues[2 * i] = parts[0];
				nameValues[2 * i + 1] = parts[1];
			}
			return this.http.get(path, nameValues).body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static boolean sampled(Matcher traceResponse) {
		return (Integer.parseInt(traceResponse.group(3), 16) & 1) == 1;
	}

	private static Matcher traceResponse(HttpResponse<String> response) {
		String value = response.headers().firstValue("traceresponse").orElseThrow();
		Matcher matcher = TRACE_RESPONSE.matcher(value);
		assertThat(matcher.matches()).as("traceresponse %s", value).isTrue();
		return matcher;
	}

	private static ReceivedSpan serverSpan(HttpResponse<String> response) {
		Matcher header = traceResponse(response);
		return receiver.awaitSpan((span) -> span.spanId().equals(header.group(2)));
	}

}
