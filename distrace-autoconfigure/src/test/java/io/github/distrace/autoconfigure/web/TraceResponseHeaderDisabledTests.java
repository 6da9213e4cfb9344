package io.github.distrace.autoconfigure.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code distrace.web.trace-response-header=false} requests are still traced, but
 * responses do not say so.
 */
@SpringBootTest(classes = ServerTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.web.trace-response-header=false", "distrace.exporter=none" })
class TraceResponseHeaderDisabledTests {

	@LocalServerPort
	private int port;

	@Test
	void responseHasNoTraceResponseHeaderButRequestIsTraced() throws Exception {
		String traceId = "33333333333333333333333333333333";
		HttpResponse<String> response = new HttpTestClient(this.port).get("/trace-id", "traceparent",
				"00-" + traceId + "-00f067aa0ba902b7-01");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(traceId);
		assertThat(response.headers().map()).doesNotContainKey("traceresponse");
	}

}
