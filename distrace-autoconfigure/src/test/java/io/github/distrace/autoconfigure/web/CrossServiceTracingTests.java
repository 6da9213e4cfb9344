package io.github.distrace.autoconfigure.web;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real applications: a request to service A, which calls service B over HTTP, is one
 * trace, whose parent links are exact.
 */
class CrossServiceTracingTests {

	private static final OtlpReceiver receiver = TestReceivers.http();

	private static ConfigurableApplicationContext serviceB;

	private static ConfigurableApplicationContext serviceA;

	private static HttpTestClient http;

	@BeforeAll
	static void startServices() {
		serviceB = start(ServerTestApplication.class, "service-b", "http://unused");
		String targetUrl = "http://localhost:" + port(serviceB);
		serviceA = start(ClientTestApplication.class, "service-a", targetUrl);
		http = new HttpTestClient(port(serviceA));
	}

	@AfterAll
	static void stopServices() throws Exception {
		serviceA.close();
		serviceB.close();
		receiver.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "rest-client", "rest-client-own-factory", "rest-client-intercepted", "rest-template",
			"web-client", "own-rest-template", "own-rest-client", "own-web-client" })
	void callToAnotherServiceIsOneTraceWithExactParents(String client) throws Exception {
		HttpResponse<String> response = http.get("/call/" + client);
		assertThat(response.statusCode()).isEqualTo(200);
		Trace trace = awaitTrace(response);
		assertThat(trace.serverA.name()).isEqualTo("GET /call/" + client);
		assertThat(trace.serverA.serviceName()).isEqualTo("service-a");
		assertThat(trace.serverA.parentSpanId()).isEmpty();
		assertThat(trace.client.kind()).isEqualTo("CLIENT");
		assertThat(trace.client.serviceName()).isEqualTo("service-a");
		assertThat(trace.client.parentSpanId()).isEqualTo(trace.serverA.spanId());
		assertThat(trace.serverB.serviceName()).isEqualTo("service-b");
		assertThat(trace.serverB.name()).isEqualTo("GET /headers/{name}");
		assertThat(trace.serverB.parentSpanId()).isEqualTo(trace.client.spanId());
		int portB = port(serviceB);
		assertThat(trace.client.name()).isEqualTo("GET");
		assertThat(trace.client.attributes()).containsEntry("http.request.method", "GET")
			.containsEntry("url.full", "http://localhost:" + portB + "/headers/traceparent")
			.containsEntry("server.address", "localhost")
			.containsEntry("server.port", String.valueOf(portB))
			.containsEntry("http.response.status_code", "200");
		// Instrumented once: service B saw exactly one traceparent, naming the client
		// span.
		assertThat(response.body().lines().toList()).singleElement()
			.asString()
			.matches("00-" + trace.client.traceId() + "-" + trace.client.spanId() + "-0[13]");
	}

	@Test
	void incomingBaggageTravelsOnToTheNextService() throws Exception {
		HttpResponse<String> response = http.get("/call/rest-client/headers/baggage", "baggage",
				"tenant=acme,region=eu");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().split(",")).containsExactlyInAnyOrder("tenant=acme", "region=eu");
	}

	@Test
	void clientErrorStatusMarksTheClientSpan() throws Exception {
		HttpResponse<String> response = http.get("/call/not-found");
		assertThat(response.body()).isEqualTo("404");
		Trace trace = awaitTrace(response);
		assertThat(trace.client.statusCode()).isEqualTo("ERROR");
		assertThat(trace.client.attributes()).containsEntry("http.response.status_code", "404")
			.containsEntry("error.type", "404");
		assertThat(trace.serverB.name()).isEqualTo("GET");
		assertThat(trace.serverB.statusCode()).isEqualTo("UNSET");
	}

	@Test
	void connectionFailureEndsTheClientSpanWithAnErrorAndIsRethrownUnchanged() throws Exception {
		HttpResponse<String> response = http.get("/call/unreachable");
		assertThat(response.statusCode()).isEqualTo(200);
		String[] exception = response.body().split(" ");
		assertThat(exception[0]).as("a ConnectException, as the client throws it").isEqualTo("true");
		ReceivedSpan server = serverSpan(response);
		ReceivedSpan client = receiver.awaitSpan((span) -> span.parentSpanId().equals(server.spanId()));
		assertThat(client.kind()).isEqualTo("CLIENT");
		assertThat(client.statusCode()).isEqualTo("ERROR");
		assertThat(client.attributes()).containsEntry("error.type", exception[1])
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", "9")
			.doesNotContainKey("http.response.status_code");
		assertThat(client.events()).containsExactly("exception");
	}

	private static Trace awaitTrace(HttpResponse<String> response) {
		ReceivedSpan serverA = serverSpan(response);
		ReceivedSpan client = receiver.awaitSpan((span) -> span.parentSpanId().equals(serverA.spanId()));
		ReceivedSpan serverB = receiver.awaitSpan((span) -> span.parentSpanId().equals(client.spanId()));
		List<ReceivedSpan> trace = receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(serverA.traceId()))
			.toList();
		assertThat(trace).containsExactlyInAnyOrder(serverA, client, serverB);
		return new Trace(serverA, client, serverB);
	}

	private static ReceivedSpan serverSpan(HttpResponse<String> response) {
		String[] traceResponse = response.headers().firstValue("traceresponse").orElseThrow().split("-");
		return receiver.awaitSpan((span) -> span.spanId().equals(traceResponse[2]));
	}

	static ConfigurableApplicationContext start(Class<?> application, String name, String targetUrl,
			String... properties) {
		return new SpringApplicationBuilder(application)
			.properties("server.port=0", "spring.application.name=" + name, "target.url=" + targetUrl,
					"distrace.otlp.endpoint=" + receiver.endpoint(), "distrace.batch.schedule-delay=50ms")
			.properties(properties)
			.run();
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	record Trace(ReceivedSpan serverA, ReceivedSpan client, ReceivedSpan serverB) {
	}

}
