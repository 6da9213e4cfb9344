package io.github.distrace.sample;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample application on a random port and checks that its endpoint is traced
 * and exported over OTLP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private static final OtlpReceiver receiver = startReceiver();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.exporter", () -> "otlp,logging");
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
		registry.add("distrace.batch.schedule-delay", () -> "50ms");
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@Test
	void helloIsTraced() {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/hello?name=distrace")
			.retrieve()
			.body(String.class);
		ReceivedSpan span = receiver.awaitSpan("GreetingController.hello");
		assertThat(body).isEqualTo("Hello, distrace! trace " + span.traceId());
		assertThat(span.attribute("greeting.name")).isEqualTo("distrace");
		assertThat(span.serviceName()).isEqualTo("distrace-sample");
		assertThat(span.resource()).containsEntry("deployment.environment.name", "development");
	}

	private static OtlpReceiver startReceiver() {
		try {
			return OtlpReceiver.http();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
