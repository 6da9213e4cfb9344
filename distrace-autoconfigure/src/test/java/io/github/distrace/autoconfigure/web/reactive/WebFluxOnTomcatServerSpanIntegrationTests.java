package io.github.distrace.autoconfigure.web.reactive;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server-span tests of {@link WebFluxServerSpanIntegrationTests} on WebFlux served by
 * Tomcat instead of Netty: the filter sees the same exchange through Spring's servlet
 * adapter, where the response is recycled as soon as it is complete, and must give the
 * same spans.
 */
@TestPropertySource(properties = "spring.autoconfigure.exclude="
		+ "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration")
class WebFluxOnTomcatServerSpanIntegrationTests extends WebFluxServerSpanIntegrationTests {

	@Autowired
	private ReactiveWebServerApplicationContext context;

	@Test
	void servedByTomcat() {
		assertThat(this.context.getWebServer()).isInstanceOf(TomcatWebServer.class);
	}

	/**
	 * Tomcat does not tell a servlet application that its client has gone while the
	 * exchange is not writing (and Spring's adapter sets no asynchronous timeout), so the
	 * chain is not cancelled: the span ends when the handler completes and its response
	 * is written, or fails to be, to the closed connection.
	 */
	@Override
	@Test
	void cancelledRequestEndsItsSpan() throws Exception {
		WebFluxTestApplication.slowStarted = new CountDownLatch(1);
		try (Socket socket = new Socket("localhost", port())) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /slow?seconds=2 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(WebFluxTestApplication.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
		}
		ReceivedSpan span = receiver().awaitSpan((candidate) -> candidate.name().equals("GET /slow"));
		assertThat(span.attributes()).containsEntry("url.path", "/slow");
	}

}
