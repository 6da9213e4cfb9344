package io.github.distrace.autoconfigure.sdk;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.distrace.autoconfigure.sdk.internal.RequestTracingCpu;
import io.github.distrace.test.OtlpReceiver;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/distrace} in a real web application: the effective configuration with
 * secrets masked, the span counters, and the measured overhead.
 */
class DistraceEndpointIntegrationTests {

	private static final String API_KEY = "k3y-that-must-never-show";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void showsConfigurationCountersAndOverhead() throws Exception {
		// Requests are measured at random: with ten times the rate, at least one is, but
		// for one run in 20,000.
		int requests = 10 * RequestTracingCpu.SAMPLE_EVERY;
		try (OtlpReceiver receiver = OtlpReceiver.http();
				ConfigurableApplicationContext context = OrdersTestApplication.run(
						"--distrace.otlp.endpoint=" + receiver.endpoint(),
						"--distrace.otlp.headers.x-api-key=" + API_KEY, "--distrace.sampler.keep.slower-than=10s",
						"--distrace.batch.schedule-delay=50ms",
						"--management.endpoints.web.exposure.include=distrace")) {
			OrdersTestApplication.load(context, requests, 2);
			long spans = (long) requests * OrdersTestApplication.SPANS_PER_REQUEST;
			DocumentContext distrace = await().until(() -> distrace(context),
					(body) -> body.<Number>read("$.exporter.exported").longValue() >= spans);
			assertThat(distrace.<String>read("$.configuration.exporters[0].type")).isEqualTo("otlp");
			assertThat(distrace.<String>read("$.configuration.exporters[0].endpoint"))
				.isEqualTo(receiver.endpoint() + "/v1/traces");
			assertThat(distrace.<String>read("$.configuration.exporters[0].headers.x-api-key")).isEqualTo("******");
			assertThat(distrace.<String>read("$.configuration.sampler.type")).isEqualTo("parentbased_always_on");
			assertThat(distrace.<String>read("$.configuration.sampler.keep.slowerThan")).isEqualTo("10s");
			assertThat(distrace.<List<String>>read("$.configuration.propagation")).containsExactly("tracecontext",
					"baggage");
			// Kafka, RabbitMQ and Redis are on the tests' class path: their clients would
			// be traced too.
			assertThat(distrace.<List<String>>read("$.configuration.instrumented"))
				.contains("web", "web-client", "jdbc", "traced-methods")
				.doesNotContain("webflux", "viewer");
			assertThat(distrace.<Number>read("$.exporter.started").longValue()).isGreaterThanOrEqualTo(spans);
			assertThat(distrace.<Number>read("$.exporter.failed").longValue()).isZero();
			assertThat(distrace.<Number>read("$.exporter.dropped.queue_full").longValue()).isZero();
			assertThat(distrace.<Number>read("$.exporter.kept.slow").longValue()).isZero();
			assertThat(distrace.<Number>read("$.overhead.requestThreads.measuredRequests").intValue()).isPositive();
			assertThat(distrace.<Number>read("$.overhead.requestThreads.cpuNanosPerRequest").longValue()).isPositive();
			assertThat(distrace.<Number>read("$.overhead.exportThreads.exportedSpans").longValue())
				.isGreaterThanOrEqualTo(spans);
			assertThat(distrace.<Number>read("$.overhead.exportThreads.cpuNanosPerSpan").longValue()).isPositive();
			assertThat(distrace.jsonString()).doesNotContain(API_KEY);
		}
	}

	@Test
	void notExposedUnlessAskedFor() throws Exception {
		try (ConfigurableApplicationContext context = OrdersTestApplication.run("--distrace.exporter=none")) {
			assertThat(OrdersTestApplication.get(this.http, context, "/actuator/distrace").statusCode()).isEqualTo(404);
		}
	}

	private DocumentContext distrace(ConfigurableApplicationContext context) throws Exception {
		HttpResponse<String> response = OrdersTestApplication.get(this.http, context, "/actuator/distrace");
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

}
