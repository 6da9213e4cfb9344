package io.github.distrace.sample;

import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample application on a random port and checks that its endpoint is traced
 * and exported over OTLP.
 */
class SampleApplicationTests extends ExportingSampleTests {

	@Test
	void helloIsTraced() {
		String body = client().get().uri("/hello?name=distrace").retrieve().body(String.class);
		ReceivedSpan span = receiver.awaitSpan("GreetingController.hello");
		assertThat(body).isEqualTo("Hello, distrace! trace " + span.traceId());
		assertThat(span.attribute("greeting.name")).isEqualTo("distrace");
		assertThat(span.serviceName()).isEqualTo("distrace-sample");
		assertThat(span.resource()).containsEntry("deployment.environment.name", "development");
	}

}
