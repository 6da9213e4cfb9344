package io.github.distrace.autoconfigure.web;

import java.net.http.HttpResponse;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With b3 or jaeger propagation configured, an application that calls itself over HTTP
 * sends and continues the trace in that format, and only that one.
 */
class PropagationFormatsTests {

	private static final OtlpReceiver receiver = TestReceivers.http();

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@ParameterizedTest
	@CsvSource({ "b3, b3", "b3multi, X-B3-TraceId", "jaeger, uber-trace-id", "tracecontext, traceparent" })
	void traceIsCarriedInTheConfiguredFormat(String propagation, String header) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientTestApplication.class)
			.properties("server.port=0", "target.url=http://localhost:${local.server.port}",
					"distrace.propagation=" + propagation, "distrace.otlp.endpoint=" + receiver.endpoint(),
					"distrace.batch.schedule-delay=50ms")
			.run()) {
			HttpTestClient http = new HttpTestClient(
					Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			HttpResponse<String> response = http.get("/call/rest-client/headers/" + header);
			String[] traceResponse = response.headers().firstValue("traceresponse").orElseThrow().split("-");
			ReceivedSpan caller = receiver.awaitSpan((span) -> span.spanId().equals(traceResponse[2]));
			ReceivedSpan client = receiver.awaitSpan((span) -> span.parentSpanId().equals(caller.spanId()));
			ReceivedSpan callee = receiver.awaitSpan((span) -> span.parentSpanId().equals(client.spanId()));
			assertThat(client.kind()).isEqualTo("CLIENT");
			assertThat(callee.kind()).isEqualTo("SERVER");
			assertThat(callee.traceId()).isEqualTo(client.traceId()).isEqualTo(caller.traceId());
			assertThat(response.body()).contains(caller.traceId().substring(16));
			if (!propagation.equals("tracecontext")) {
				String traceparent = http.get("/call/rest-client/headers/traceparent").body();
				assertThat(traceparent).isEmpty();
			}
		}
	}

}
