package io.github.distrace.sample;

import io.github.distrace.Distrace;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with {@code distrace.enabled=false}, the load test's baseline:
 * distrace defines no {@code OpenTelemetry} or {@code Tracer} then, and the application
 * still starts and serves.
 */
class DisabledSampleTests {

	@Test
	void servesWithoutTracing() {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		// Initializing logging again would reset Logback and so remove the log
		// correlation of the other tests' application, which shares this JVM and stays
		// running.
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		try (ConfigurableApplicationContext context = application.run("--distrace.enabled=false", "--server.port=0")) {
			RestClient client = RestClient
				.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
			assertThat(client.get().uri("/hello?name=off").retrieve().body(String.class))
				.isEqualTo("Hello, off! trace 00000000000000000000000000000000");
			assertThat(client.get().uri("/orders/1").retrieve().body(String.class)).contains("\"customer\":\"Ada\"");
			assertThat(context.getBean(Distrace.class).currentTraceId()).isEmpty();
		}
	}

}
