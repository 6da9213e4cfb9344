package io.github.distrace.sample;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.distrace.test.OtlpReceiver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The sample application on a random port, exporting over OTLP to a real receiver. The
 * test classes share one application context and so one receiver: they find their own
 * spans by name and trace id.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class ExportingSampleTests {

	// Lives as long as the cached application context that exports to it, so it is never
	// closed before the test JVM ends.
	static final OtlpReceiver receiver = startReceiver();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.exporter", () -> "otlp,logging");
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
		registry.add("distrace.batch.schedule-delay", () -> "50ms");
		registry.add("distrace.jdbc.transaction-spans", () -> "true");
	}

	RestClient client() {
		return RestClient.create("http://localhost:" + this.port);
	}

	private static OtlpReceiver startReceiver() {
		try {
			return OtlpReceiver.http();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
