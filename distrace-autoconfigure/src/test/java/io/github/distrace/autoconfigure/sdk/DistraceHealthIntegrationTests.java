package io.github.distrace.autoconfigure.sdk;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code distrace} component of {@code /actuator/health} in a real web application:
 * {@code UP} while spans reach the collector, {@code UNKNOWN} (never {@code DOWN}) while
 * they do not, with details safe to show, and the application's own requests unaffected.
 */
class DistraceHealthIntegrationTests {

	private static final String API_KEY = "k3y-that-must-never-show";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void upWhileSpansReachTheCollector() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http();
				ConfigurableApplicationContext context = run("--distrace.otlp.endpoint=" + receiver.endpoint())) {
			assertThat(get(context, "/hello").statusCode()).isEqualTo(200);
			receiver.awaitSpan("GET /hello");
			DocumentContext health = await().until(() -> distraceHealth(context),
					DistraceHealthIntegrationTests::exportedAndUp);
			assertThat(health.<String>read("$.status")).isEqualTo("UP");
			assertThat(health.<String>read("$.details.endpoint")).isEqualTo(receiver.endpoint() + "/v1/traces");
			assertThat(health.<Integer>read("$.details.dropped")).isZero();
			assertThat(health.<Integer>read("$.details.failed")).isZero();
			assertThat(health.jsonString()).doesNotContain("lastError");
		}
	}

	@Test
	void unknownWhileTheCollectorIsDownWithTheErrorAndNoSecret() throws Exception {
		String endpoint = "http://127.0.0.1:" + unusedPort();
		try (ConfigurableApplicationContext context = run("--distrace.otlp.endpoint=" + endpoint,
				"--distrace.otlp.headers.x-api-key=" + API_KEY, "--distrace.shutdown-timeout=1s")) {
			assertThat(get(context, "/hello").statusCode()).isEqualTo(200);
			DocumentContext health = await().atMost(Duration.ofSeconds(30))
				.until(() -> distraceHealth(context), DistraceHealthIntegrationTests::failedAndUnknown);
			assertThat(health.<String>read("$.status")).isEqualTo("UNKNOWN");
			assertThat(health.<String>read("$.details.endpoint")).isEqualTo(endpoint + "/v1/traces");
			assertThat(health.<String>read("$.details.lastError")).contains("ConnectException");
			assertThat(health.<String>read("$.details.lastFailure")).isNotBlank();
			assertThat(health.jsonString()).doesNotContain(API_KEY);
			// UNKNOWN is answered with 200: no probe or load balancer takes it for an
			// outage.
			assertThat(get(context, "/actuator/health/distrace").statusCode()).isEqualTo(200);
			assertThat(get(context, "/hello").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void backToUpOnceAnExportSucceedsAgain() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http();
				ConfigurableApplicationContext context = run("--distrace.otlp.endpoint=" + receiver.endpoint())) {
			// 400 is not retried: the first export fails at once.
			receiver.refuse(1, 400, null);
			get(context, "/hello");
			DocumentContext failed = await().until(() -> distraceHealth(context),
					DistraceHealthIntegrationTests::failedAndUnknown);
			assertThat(failed.<String>read("$.status")).isEqualTo("UNKNOWN");
			assertThat(failed.<String>read("$.details.lastError")).contains("the receiver answered with an error");
			get(context, "/hello");
			receiver.awaitSpan("GET /hello");
			DocumentContext recovered = await().until(() -> distraceHealth(context),
					DistraceHealthIntegrationTests::exportedAndUp);
			assertThat(recovered.<String>read("$.status")).isEqualTo("UP");
			assertThat(recovered.<Integer>read("$.details.failed")).isEqualTo(1);
		}
	}

	@Test
	void unknownWithTheReasonWhenTheCollectorsCertificateIsNotTrusted(@TempDir Path directory) throws Exception {
		TestCertificates collectorAuthority = TestCertificates.create(directory.resolve("collector"));
		TestCertificates trustedAuthority = TestCertificates.create(directory.resolve("trusted"));
		try (OtlpReceiver receiver = OtlpReceiver.https(collectorAuthority, false);
				ConfigurableApplicationContext context = run("--distrace.otlp.endpoint=" + receiver.endpoint(),
						"--distrace.otlp.ssl.bundle=collector",
						"--spring.ssl.bundle.pem.collector.truststore.certificate=file:"
								+ trustedAuthority.caCertificate())) {
			assertThat(get(context, "/hello").statusCode()).isEqualTo(200);
			DocumentContext health = await().atMost(Duration.ofSeconds(30))
				.until(() -> distraceHealth(context), DistraceHealthIntegrationTests::failedAndUnknown);
			assertThat(health.<String>read("$.status")).isEqualTo("UNKNOWN");
			assertThat(health.<String>read("$.details.lastError")).contains("certification path");
			assertThat(receiver.spans()).isEmpty();
		}
	}

	@Test
	void disabledLikeAnyHealthIndicator() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http();
				ConfigurableApplicationContext context = run("--distrace.otlp.endpoint=" + receiver.endpoint(),
						"--management.health.distrace.enabled=false")) {
			assertThat(get(context, "/actuator/health/distrace").statusCode()).isEqualTo(404);
			assertThat(context.getBeansOfType(DistraceHealthIndicator.class)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext run(String... arguments) {
		// The tests count the exports their requests cause; the start-up trace is not
		// one.
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--distrace.batch.schedule-delay=50ms",
				"--distrace.startup.enabled=false", "--management.endpoints.web.exposure.include=health",
				"--management.endpoint.health.show-details=always"));
		all.addAll(List.of(arguments));
		return SpringApplication.run(HealthTestApplication.class, all.toArray(String[]::new));
	}

	// The counts and the status are recorded by two layers around the exporter, a moment
	// apart: wait for both.
	private static boolean failedAndUnknown(DocumentContext health) {
		return health.<Integer>read("$.details.failed") >= 1 && "UNKNOWN".equals(health.read("$.status"));
	}

	private static boolean exportedAndUp(DocumentContext health) {
		return health.<Integer>read("$.details.exported") >= 1 && "UP".equals(health.read("$.status"));
	}

	private DocumentContext distraceHealth(ConfigurableApplicationContext context) throws Exception {
		HttpResponse<String> response = get(context, "/actuator/health/distrace");
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(HealthTestApplication.HelloController.class)
	static class HealthTestApplication {

		@RestController
		static class HelloController {

			@GetMapping("/hello")
			String hello() {
				return "hello";
			}

		}

	}

}
