package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page in the developer's own browser can do to the viewer on a real server. With
 * DNS rebinding, a page of another site reaches 127.0.0.1 from the loopback address, but
 * its requests name the other site in {@code Host}; a page of another origin can also
 * post to the OTLP receiver, with an {@code Origin} header saying so.
 */
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "distrace.exporter=none", "distrace.ui.enabled=true" })
class ViewerHostAndOriginTests {

	static final List<String> PAGE_AND_API = List.of("/distrace/", "/distrace/viewer.js", "/distrace/api/traces",
			"/distrace/api/queries", "/distrace/api/endpoints");

	private static final String OTLP = "/distrace/v1/traces";

	@LocalServerPort
	private int port;

	// Also the WebFlux route's (ReactiveViewerHostTests).
	static final List<String> OTHER_HOSTS = List.of("attacker.example", "127.0.0.1.attacker.example",
			"localhost.attacker.example", "orders.localhost", "10.0.0.7", "[2001:db8::1]", "0x7f000001", "2130706433",
			"");

	static final List<String> LOOPBACK_HOSTS = List.of("localhost", "LocalHost", "127.0.0.1", "127.8.9.10", "[::1]",
			"[0:0:0:0:0:0:0:1]");

	@ParameterizedTest
	@FieldSource("OTHER_HOSTS")
	void refusesRequestsAddressedToAnotherHost(String host) throws IOException {
		String hostHeader = host.isEmpty() ? host : host + ":" + this.port;
		for (String path : PAGE_AND_API) {
			assertThat(RawHttpRequest.get(path, hostHeader).status(this.port)).as(path).isEqualTo(403);
		}
		assertThat(RawHttpRequest.postOtlp(OTLP, hostHeader).status(this.port)).as(OTLP).isEqualTo(403);
	}

	@ParameterizedTest
	@FieldSource("LOOPBACK_HOSTS")
	void servesRequestsAddressedToLoopback(String host) throws IOException {
		for (String hostHeader : List.of(host, host + ":" + this.port, host + ":80")) {
			for (String path : PAGE_AND_API) {
				assertThat(RawHttpRequest.get(path, hostHeader).status(this.port)).as(hostHeader + path).isEqualTo(200);
			}
			assertThat(RawHttpRequest.postOtlp(OTLP, hostHeader).status(this.port)).as(hostHeader).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://attacker.example", "http://localhost:3000", "https://localhost:%d",
			"http://127.0.0.1:%d", "null" })
	void refusesOtlpWritesFromAnotherOrigin(String origin) throws IOException {
		RawHttpRequest request = RawHttpRequest.postOtlp(OTLP, "localhost:" + this.port)
			.header("Origin: " + origin.formatted(this.port));
		assertThat(request.status(this.port)).isEqualTo(403);
	}

	@Test
	void acceptsOtlpWritesFromItsOwnOriginAndFromClientsWithoutOne() throws IOException {
		String host = "localhost:" + this.port;
		assertThat(RawHttpRequest.postOtlp(OTLP, host).header("Origin: http://" + host).status(this.port))
			.isEqualTo(200);
		assertThat(RawHttpRequest.postOtlp(OTLP, "127.0.0.1").header("Origin: http://127.0.0.1:80").status(this.port))
			.isEqualTo(200);
		assertThat(RawHttpRequest.postOtlp(OTLP, host).status(this.port)).isEqualTo(200);
	}

}
