package io.github.distrace.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /relay} calls {@code /hello} over HTTP, and both hops are one trace: the trace
 * id that {@code /hello} reports is the one in the {@code traceresponse} header of
 * {@code /relay}. (Parent links across services are checked in distrace-autoconfigure.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "distrace.exporter=none")
class RelayControllerTests {

	@LocalServerPort
	private int port;

	@Test
	void relayAndHelloAreOneTrace() {
		ResponseEntity<String> response = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/relay?name=hop")
			.retrieve()
			.toEntity(String.class);
		String traceResponse = response.getHeaders().getFirst("traceresponse");
		assertThat(traceResponse).isNotNull();
		String traceId = traceResponse.split("-")[1];
		assertThat(response.getBody()).isEqualTo("relayed: Hello, hop! trace " + traceId);
	}

}
