package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile trace context and baggage sent to a real server: the request is always served,
 * the limits of the W3C specifications hold, and no value reaches an outgoing header or
 * the log unescaped. The malformed {@code traceparent} cases that
 * {@link ServerSpanIntegrationTests} already sends are not repeated here.
 */
@SpringBootTest(classes = HostileInputTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.propagation=tracecontext,baggage,jaeger", "distrace.baggage.mdc=tenant",
				"distrace.exporter=none",
				// Above Tomcat's 8KB default, so that baggage past its own 8,192 bytes
				// arrives.
				"server.max-http-request-header-size=16KB" })
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	@LocalServerPort
	private int port;

	private HttpTestClient http;

	@BeforeEach
	void createClient() {
		this.http = new HttpTestClient(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
			"00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01,00-11111111111111111111111111111111-00f067aa0ba902b7-01",
			"-", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 00" })
	void malformedTraceparentStartsANewTrace(String traceparent) throws Exception {
		Map<String, String> outgoing = outgoing("traceparent", traceparent);
		assertThat(outgoing.get("traceparent")).doesNotContain(TRACE_ID)
			.doesNotContain("11111111111111111111111111111111");
	}

	@Test
	void futureVersionWithMoreFieldsIsContinued() throws Exception {
		// Trace Context: a version after 00 is parsed as 00 and the fields after it
		// ignored.
		Map<String, String> outgoing = outgoing("traceparent",
				"cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-will-be-like");
		assertThat(outgoing.get("traceparent")).startsWith("00-" + TRACE_ID + "-").doesNotContain(PARENT_ID);
	}

	@Test
	void tracestateOverThirtyTwoMembersIsDroppedAndTraceparentKept() throws Exception {
		Map<String, String> outgoing = outgoing("traceparent", TRACEPARENT, "tracestate", members("v%d=x", 33));
		assertThat(outgoing.get("traceparent")).startsWith("00-" + TRACE_ID + "-");
		assertThat(outgoing).doesNotContainKey("tracestate");
	}

	@ParameterizedTest
	@ValueSource(strings = { "vendor=a,BAD KEY=b", "vendor=a,novalue", "vendor=a,@vendor=b", "vendor=a\u00e9" })
	void tracestateWithAnInvalidMemberIsDroppedAndTraceparentKept(String tracestate) throws Exception {
		Map<String, String> outgoing = outgoing("traceparent", TRACEPARENT, "tracestate", tracestate);
		assertThat(outgoing.get("traceparent")).startsWith("00-" + TRACE_ID + "-");
		assertThat(outgoing).doesNotContainKey("tracestate");
	}

	@Test
	void tracestateWithARepeatedKeyKeepsItsFirstValue() throws Exception {
		// Trace Context Level 2: the list is still passed on, never dropped for a
		// duplicate.
		Map<String, String> outgoing = outgoing("traceparent", TRACEPARENT, "tracestate", "vendor=a,other=c,vendor=b");
		assertThat(outgoing.get("tracestate")).isEqualTo("vendor=a,other=c");
	}

	@Test
	void thirtyTwoTracestateMembersInSeveralHeadersAreKept() throws Exception {
		String first = members("v%d=x", 16);
		String second = members("w%d=y", 16);
		String body = this.http.rawBody("/outgoing", "traceparent: " + TRACEPARENT, "tracestate: " + first,
				"tracestate: " + second);
		assertThat(headers(body).get("tracestate")).isEqualTo(first + "," + second);
	}

	@Test
	void baggageOverSixtyFourMembersKeepsSixtyFourWholeMembers() throws Exception {
		String baggage = members("k%d=value%d", 70);
		Map<String, String> outgoing = outgoing("baggage", baggage);
		List<String> sent = Arrays.asList(outgoing.get("baggage").split(","));
		assertThat(sent).hasSize(64);
		assertThat(Arrays.asList(baggage.split(","))).containsAll(sent);
	}

	@Test
	void baggageOverEightKilobytesAcrossHeadersDropsWholeHeaders() throws Exception {
		// Three headers of 3,000 bytes each: the third would pass 8,192 bytes.
		String value = "v".repeat(290);
		String[] headers = new String[3];
		List<String> all = new ArrayList<>();
		for (int header = 0; header < 3; header++) {
			List<String> members = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				members.add("h" + header + "m" + i + "=" + value);
			}
			all.addAll(members);
			headers[header] = "baggage: " + String.join(",", members);
			assertThat(headers[header]).hasSizeGreaterThan(2_900);
		}
		Map<String, String> outgoing = headers(this.http.rawBody("/outgoing", headers));
		String sent = outgoing.get("baggage");
		assertThat(sent.length()).isLessThanOrEqualTo(8192);
		assertThat(all).containsAll(Arrays.asList(sent.split(",")));
		assertThat(sent.split(",")).hasSize(20);
	}

	@Test
	void hostileBaggageValuesNeverReachHeadersOrTheLogUnescaped(CapturedOutput output) throws Exception {
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		Logger logger = (Logger) LoggerFactory.getLogger(HostileInputTestApplication.class.getPackageName());
		logger.addAppender(events);
		Map<String, String> outgoing;
		try {
			outgoing = outgoing("baggage",
					"tenant=acme%0D%0AX-Injected:%20yes,note=%22%3Cscript%3Ealert(1)%3C%2Fscript%3E%20*%2F%20'");
		}
		finally {
			logger.detachAppender(events);
		}
		outgoing.forEach((name, value) -> assertThat(value).as(name).matches("[\\x20-\\x7e]*"));
		assertThat(outgoing.get("baggage")).contains("tenant=acme%0D%0AX-Injected")
			.doesNotContain("<", ">", "\"", "*/");
		// Jaeger writes baggage values as they are: distrace leaves out the one with
		// CR/LF.
		assertThat(outgoing).doesNotContainKey("uberctx-tenant").doesNotContainKey("x-injected");
		ILoggingEvent handled = events.list.stream()
			.filter((event) -> event.getFormattedMessage().equals(HostileInputTestApplication.HANDLED))
			.findFirst()
			.orElseThrow();
		assertThat(handled.getMDCPropertyMap()).containsEntry("tenant", "acme\\u000d\\u000aX-Injected: yes");
	}

	@Test
	void jaegerHeaderWithABadEscapeIsIgnored() throws Exception {
		Map<String, String> outgoing = outgoing("uber-trace-id", "%zz" + TRACE_ID + ":" + PARENT_ID + ":0:1");
		assertThat(outgoing.get("traceparent")).doesNotContain(TRACE_ID);
	}

	@Test
	void invalidPercentEscapesSentThousandsOfTimesDoNotFloodTheLog(CapturedOutput output) throws Exception {
		long before = linesOtherThanHandled(output);
		for (int i = 0; i < 2_000; i++) {
			HttpResponse<String> response = this.http.get("/outgoing", "baggage", "k=%zz,bad%=%%%,tenant=%E0%A4%A",
					"uber-trace-id", "%zz");
			assertThat(response.statusCode()).isEqualTo(200);
		}
		assertThat(linesOtherThanHandled(output) - before).isLessThan(20);
	}

	@Test
	void sixtyFourKilobyteHeaderIsAClientErrorAndTheServerGoesOn() throws Exception {
		String head = this.http.rawGet("/outgoing", "baggage: k=" + "v".repeat(64 * 1024));
		int status = Integer.parseInt(head.substring(9, 12));
		assertThat(status).isBetween(400, 499);
		assertThat(this.http.get("/outgoing").statusCode()).isEqualTo(200);
	}

	private static long linesOtherThanHandled(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> !line.contains(HostileInputTestApplication.HANDLED)).count();
	}

	private Map<String, String> outgoing(String... nameValues) throws IOException {
		String[] lines = new String[nameValues.length / 2];
		for (int i = 0; i < lines.length; i++) {
			lines[i] = nameValues[2 * i] + ": " + nameValues[2 * i + 1];
		}
		return headers(this.http.rawBody("/outgoing", lines));
	}

	private static Map<String, String> headers(String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		body.lines().forEach((line) -> {
			String[] nameValue = line.split(": ", 2);
			headers.put(nameValue[0], nameValue[1]);
		});
		return headers;
	}

	private static String members(String format, int count) {
		return IntStream.range(0, count).mapToObj((i) -> format.formatted(i, i)).collect(Collectors.joining(","));
	}

}
