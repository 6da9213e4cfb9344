package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With {@code server.forward-headers-strategy}, the remote address a request reports
 * comes from a header ({@code native}: Tomcat's {@code RemoteIpValve} rewrites it; {@code
 * framework}: Spring's {@code ForwardedHeaderFilter} wraps the request), which any client
 * can send; on WebFlux, Reactor Netty's forwarded handling ({@code native}) and Spring's
 * {@code ForwardedHeaderTransformer} ({@code framework}) do the same. The viewer judges
 * the connection itself, on a real server, and lets a forwarded address only narrow what
 * it serves.
 */
class ViewerForwardedHeadersTests {

	private static final List<String> PATHS = List.of("/distrace/api/traces", "/distrace/v1/traces");

	// The OTLP receiver is servlet-only.
	private static List<String> paths(String type) {
		return type.equals("servlet") ? PATHS : PATHS.subList(0, 1);
	}

	@ParameterizedTest
	@CsvSource({ "native, servlet", "framework, servlet", "native, reactive", "framework, reactive" })
	void refusesAClientOfAnotherMachineClaimingToBeLoopback(String strategy, String type) throws IOException {
		InetAddress machine = RawHttpRequest.nonLoopbackAddress().orElse(null);
		assumeTrue(machine != null, "this machine has no address but the loopback address to connect from");
		try (ConfigurableApplicationContext context = viewer(strategy, type)) {
			int port = port(context);
			for (String path : paths(type)) {
				for (String header : List.of("X-Forwarded-For: 127.0.0.1", "Forwarded: for=127.0.0.1")) {
					assertThat(request(path).between(machine).header(header).status(port)).as(path + " " + header)
						.isEqualTo(403);
				}
				// Reactor Netty takes its local address from a forwarded host too.
				assertThat(request(path).between(machine)
					.header("X-Forwarded-For: 127.0.0.1")
					.header("X-Forwarded-Host: 127.0.0.1")
					.status(port)).as(path).isEqualTo(403);
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "native, servlet", "framework, servlet", "native, reactive", "framework, reactive" })
	void refusesAClientOfAnotherMachineForwardedByALoopbackProxy(String strategy, String type) throws IOException {
		try (ConfigurableApplicationContext context = viewer(strategy, type)) {
			int port = port(context);
			for (String path : paths(type)) {
				assertThat(request(path).header("X-Forwarded-For: 203.0.113.9").status(port)).as(path).isEqualTo(403);
				assertThat(request(path).header("X-Forwarded-For: 127.0.0.1")
					.header("X-Forwarded-Host: attacker.example")
					.status(port)).as(path).isEqualTo(403);
				assertThat(request(path).header("X-Forwarded-For: 127.0.0.1").status(port)).as(path).isEqualTo(200);
				assertThat(request(path).status(port)).as(path).isEqualTo(200);
			}
		}
	}

	private static RawHttpRequest request(String path) {
		return path.endsWith("/v1/traces") ? RawHttpRequest.postOtlp(path, "localhost")
				: RawHttpRequest.get(path, "localhost");
	}

	private static ConfigurableApplicationContext viewer(String strategy, String type) {
		// Trusting every proxy, as behind a cloud load balancer, so that a forwarded
		// address reaches the application whoever sends it.
		return new SpringApplicationBuilder(ViewerTestApplication.class)
			.properties("spring.main.web-application-type=" + type, "server.port=0", "distrace.exporter=none",
					"distrace.ui.enabled=true", "server.forward-headers-strategy=" + strategy,
					"server.tomcat.remoteip.internal-proxies=.*", "server.tomcat.remoteip.trusted-proxies=.*")
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
