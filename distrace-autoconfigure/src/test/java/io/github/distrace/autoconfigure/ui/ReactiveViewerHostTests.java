package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ViewerHostAndOriginTests}'s {@code Host} rule, for the WebFlux route on Reactor
 * Netty, which reads the host from a request of its own.
 */
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "distrace.exporter=none",
				"distrace.ui.enabled=true" })
class ReactiveViewerHostTests {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@FieldSource("io.github.distrace.autoconfigure.ui.ViewerHostAndOriginTests#OTHER_HOSTS")
	void refusesRequestsAddressedToAnotherHost(String host) throws IOException {
		String hostHeader = host.isEmpty() ? host : host + ":" + this.port;
		for (String path : ViewerHostAndOriginTests.PAGE_AND_API) {
			assertThat(RawHttpRequest.get(path, hostHeader).status(this.port)).as(path).isEqualTo(403);
		}
	}

	@ParameterizedTest
	@FieldSource("io.github.distrace.autoconfigure.ui.ViewerHostAndOriginTests#LOOPBACK_HOSTS")
	void servesRequestsAddressedToLoopback(String host) throws IOException {
		for (String hostHeader : List.of(host, host + ":" + this.port, host + ":80")) {
			for (String path : ViewerHostAndOriginTests.PAGE_AND_API) {
				assertThat(RawHttpRequest.get(path, hostHeader).status(this.port)).as(hostHeader + path).isEqualTo(200);
			}
		}
	}

}
