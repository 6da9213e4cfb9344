package io.github.distrace.autoconfigure.web;

import java.net.http.HttpResponse;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded viewer polls the application every few seconds; those requests are not
 * traced, while the application's own requests are.
 */
@SpringBootTest(classes = { ServerTestApplication.class, ViewerRequestsUntracedTests.Exporter.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.exporter=none", "distrace.ui.enabled=true", "distrace.ui.path=/traces" })
class ViewerRequestsUntracedTests {

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpanExporter exporter;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@Test
	void viewerRequestsGetNoSpan() throws Exception {
		HttpTestClient client = new HttpTestClient(this.port);
		HttpResponse<String> viewer = client.get("/traces/api/traces");
		HttpResponse<String> order = client.get("/orders/7");
		assertThat(viewer.statusCode()).isEqualTo(200);
		assertThat(viewer.headers().map()).doesNotContainKey("traceresponse");
		assertThat(order.headers().map()).containsKey("traceresponse");
		// The server span ends just after the response is sent, so wait for it.
		await().untilAsserted(() -> {
			this.tracerProvider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
				.filteredOn((name) -> !name.equals("application start-up"))
				.containsExactly("GET /orders/{id}");
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Exporter {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
