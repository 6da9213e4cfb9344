package io.github.distrace.autoconfigure.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code distrace.web.trace-response=unless-continued} a response carries a
 * {@code traceresponse} header only where it tells the caller something its own
 * {@code traceparent} did not: a trace started by the server, or a sampled flag other
 * than the caller's.
 */
@SpringBootTest(classes = ServerTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"distrace.web.trace-response=unless-continued", "distrace.sampler.type=always_on", "distrace.exporter=none" })
class TraceResponseUnlessContinuedTests {

	private static final String TRACE_ID = "44444444444444444444444444444444";

	@LocalServerPort
	private int port;

	@Test
	void continuedTraceGetsNoHeader() throws Exception {
		HttpResponse<String> response = new HttpTestClient(this.port).get("/trace-id", "traceparent",
				"00-" + TRACE_ID + "-00f067aa0ba902b7-01");
		assertThat(response.body()).isEqualTo(TRACE_ID);
		assertThat(response.headers().map()).doesNotContainKey("traceresponse");
	}

	@Test
	void newTraceGetsHeader() throws Exception {
		HttpResponse<String> response = new HttpTestClient(this.port).get("/trace-id");
		assertThat(response.headers().firstValue("traceresponse")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("00-" + response.body() + "-").matches(".*-0[13]$"));
	}

	@Test
	void invalidTraceparentStartsNewTraceAndGetsHeader() throws Exception {
		String zeros = "00000000000000000000000000000000";
		HttpResponse<String> response = new HttpTestClient(this.port).get("/trace-id", "traceparent",
				"00-" + zeros + "-00f067aa0ba902b7-01");
		assertThat(response.body()).isNotEqualTo(zeros);
		assertThat(response.headers().firstValue("traceresponse"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("00-" + response.body() + "-"));
	}

	@Test
	void samplingOtherThanTheCallersGetsHeader() throws Exception {
		// always_on records what the caller did not sample: Level 2 asks the callee to
		// say so, so that the caller can change its decision.
		HttpResponse<String> response = new HttpTestClient(this.port).get("/trace-id", "traceparent",
				"00-" + TRACE_ID + "-00f067aa0ba902b7-00");
		assertThat(response.body()).isEqualTo(TRACE_ID);
		assertThat(response.headers().firstValue("traceresponse"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("00-" + TRACE_ID + "-").endsWith("1"));
	}

}
