package io.github.distrace.autoconfigure.ui;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer served by its WebFlux route, in a reactive application on Reactor Netty: the
 * same answers as the servlet's, and its own requests never traced.
 */
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.application.name=orders",
				"distrace.exporter=none", "distrace.ui.enabled=true" })
class ReactiveViewerIntegrationTests extends AbstractViewerApiTests {

	@Test
	void refusesMethodsOtherThanGet() {
		for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
			ResponseEntity<String> response = this.client.method(method)
				.uri("/api/traces")
				.retrieve()
				.toEntity(String.class);
			assertThat(response.getStatusCode()).as(method.name()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
			assertThat(response.getHeaders().getFirst("Content-Security-Policy")).as(method.name())
				.contains("default-src 'none'");
		}
	}

	@Test
	void neverTracesItsOwnRequests() {
		for (String path : List.of("/", "/viewer.js", "/api/traces", "/api/findings", "/nothing-here")) {
			assertThat(get(path).getHeaders().getFirst("traceresponse")).as(path).isNull();
		}
		// The application's requests are traced, even those that find nothing.
		assertThat(get("http://127.0.0.1:" + this.port + "/elsewhere").getHeaders().getFirst("traceresponse"))
			.isNotNull();
	}

}
