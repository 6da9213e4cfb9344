package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The W3C Trace Context test suite ({@code test/test.py} of w3c/trace-context, strict
 * level 2, specification level 2) ported case by case: each request goes to a real server
 * running {@link TraceContextHarnessApplication}, which makes real outgoing calls to a
 * callback server here, and the assertions are the suite's own on what that server
 * received. Every case runs with several propagator combinations. With
 * {@code W3C_TRACE_CONTEXT_SUITE} naming the suite's {@code test.py}, the suite itself
 * runs against the same services as well (see docs/guarantees.md).
 */
class TraceContextConformanceTests {

	private static final String TRACE_ID = "12345678901234567890123456789012";

	private static final String PARENT_ID = "1234567890123456";

	private static final String TRACEPARENT_00 = "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-00";

	private static final String TRACEPARENT_01 = "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-01";

	private static final Pattern TRACEPARENT = Pattern
		.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

	private static final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();

	private static final Map<String, List<Map.Entry<String, String>>> callbacks = new ConcurrentHashMap<>();

	private static HttpServer callbackServer;

	static List<String> propagation() {
		return List.of("tracecontext", "tracecontext,baggage", "baggage,tracecontext", "b3,jaeger,tracecontext,baggage",
				"tracecontext,baggage,b3,b3multi,jaeger");
	}

	@BeforeAll
	static void start() throws IOException {
		callbackServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		callbackServer.createContext("/", (exchange) -> {
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> values.forEach((value) -> headers.add(Map.entry(name, value))));
			callbacks.put(exchange.getRequestURI().getPath(), headers);
			exchange.getRequestBody().readAllBytes();
			byte[] body = "null".getBytes(StandardCharsets.US_ASCII);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		callbackServer.start();
		for (String propagation : propagation()) {
			services.put(propagation,
					new SpringApplicationBuilder(TraceContextHarnessApplication.class).run("--server.port=0",
							"--distrace.exporter=none", "--distrace.propagation=" + propagation,
							"--spring.main.banner-mode=off"));
		}
	}

	@AfterAll
	static void stop() {
		services.values().forEach(ConfigurableApplicationContext::close);
		callbackServer.stop(0);
	}

	// TraceContextTest

	@ParameterizedTest
	@MethodSource("propagation")
	void bothTraceparentAndTracestateMissing(String propagation) throws IOException {
		request(propagation);
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentIncludedTracestateMissing(String propagation) throws IOException {
		Outgoing outgoing = request(propagation, TRACEPARENT_01);
		assertThat(outgoing.traceId()).isEqualTo(TRACE_ID);
		assertThat(outgoing.parentId()).isNotEqualTo(PARENT_ID);
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentDuplicated(String propagation) throws IOException {
		Outgoing outgoing = request(propagation,
				"traceparent: 00-12345678901234567890123456789011-" + PARENT_ID + "-01", TRACEPARENT_01);
		assertThat(outgoing.traceId()).isNotIn("12345678901234567890123456789011", TRACE_ID);
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentHeaderName(String propagation) throws IOException {
		for (String name : List.of("trace-parent", "trace.parent")) {
			assertNewTrace(propagation, name + ": 00-" + TRACE_ID + "-" + PARENT_ID + "-01");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentHeaderNameValidCasing(String propagation) throws IOException {
		for (String name : List.of("TraceParent", "TrAcEpArEnT", "TRACEPARENT")) {
			assertContinued(propagation, name + ": 00-" + TRACE_ID + "-" + PARENT_ID + "-01");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentVersion0x00(String propagation) throws IOException {
		assertNewTrace(propagation, TRACEPARENT_01 + ".");
		assertNewTrace(propagation, TRACEPARENT_01 + "-what-the-future-will-be-like");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentVersion0xcc(String propagation) throws IOException {
		String traceparent = "traceparent: cc-" + TRACE_ID + "-" + PARENT_ID + "-01";
		assertContinued(propagation, traceparent);
		assertContinued(propagation, traceparent + "-what-the-future-will-be-like");
		assertNewTrace(propagation, traceparent + ".what-the-future-will-be-like");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentVersion0xff(String propagation) throws IOException {
		assertNewTrace(propagation, "traceparent: ff-" + TRACE_ID + "-" + PARENT_ID + "-01");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentVersionIllegalCharactersTooLongOrTooShort(String propagation) throws IOException {
		for (String version : List.of(".0", "0.", "000", "0000", "0")) {
			assertNewTrace(propagation, "traceparent: " + version + "-" + TRACE_ID + "-" + PARENT_ID + "-01");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentTraceIdAllZeroIllegalCharactersTooLongOrTooShort(String propagation) throws IOException {
		for (String traceId : List.of("00000000000000000000000000000000", ".2345678901234567890123456789012",
				"1234567890123456789012345678901.", "123456789012345678901234567890123",
				"1234567890123456789012345678901")) {
			Outgoing outgoing = request(propagation, "traceparent: 00-" + traceId + "-" + PARENT_ID + "-01");
			assertThat(outgoing.traceId()).isNotIn(traceId, TRACE_ID, "23456789012345678901234567890123");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentParentIdAllZeroIllegalCharactersTooLongOrTooShort(String propagation) throws IOException {
		for (String parentId : List.of("0000000000000000", ".234567890123456", "123456789012345.", "12345678901234567",
				"123456789012345")) {
			assertNewTrace(propagation, "traceparent: 00-" + TRACE_ID + "-" + parentId + "-01");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentTraceFlagsIllegalCharactersTooLongOrTooShort(String propagation) throws IOException {
		for (String flags : List.of(".0", "0.", "001", "1")) {
			assertNewTrace(propagation, "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-" + flags);
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void traceparentOwsHandling(String propagation) throws IOException {
		String traceparent = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
		for (String value : List.of(" " + traceparent, "\t" + traceparent, traceparent + " ", traceparent + "\t",
				"\t " + traceparent + " \t")) {
			assertContinued(propagation, "traceparent: " + value);
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateIncludedTraceparentMissing(String propagation) throws IOException {
		Outgoing first = request(propagation, "tracestate: foo=1");
		Outgoing second = request(propagation, "tracestate: foo=1,bar=2");
		assertThat(first.tracestate()).hasSameSizeAs(second.tracestate());
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateIncludedTraceparentIncluded(String propagation) throws IOException {
		Outgoing outgoing = request(propagation, TRACEPARENT_00, "tracestate: foo=1,bar=2");
		assertThat(outgoing.traceId()).isEqualTo(TRACE_ID);
		assertThat(outgoing.tracestate()).containsEntry("foo", "1").containsEntry("bar", "2");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateHeaderName(String propagation) throws IOException {
		for (String name : List.of("trace-state", "trace.state")) {
			assertThat(request(propagation, TRACEPARENT_00, name + ": foo=1").tracestate()).doesNotContainKey("foo");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateHeaderNameValidCasing(String propagation) throws IOException {
		for (String name : List.of("TraceState", "TrAcEsTaTe", "TRACESTATE")) {
			assertThat(request(propagation, TRACEPARENT_00, name + ": foo=1").tracestate()).containsEntry("foo", "1");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateEmptyHeader(String propagation) throws IOException {
		Outgoing empty = request(propagation, TRACEPARENT_00, "tracestate: ");
		assertThat(empty.traceId()).isEqualTo(TRACE_ID);
		assertThat(empty.tracestateHeaders()).doesNotContain("");
		Outgoing validThenEmpty = request(propagation, TRACEPARENT_00, "tracestate: foo=1", "tracestate: ");
		assertThat(validThenEmpty.traceId()).isEqualTo(TRACE_ID);
		assertThat(validThenEmpty.tracestate()).containsEntry("foo", "1");
		Outgoing emptyThenValid = request(propagation, TRACEPARENT_00, "tracestate: ", "tracestate: foo=1");
		assertThat(emptyThenValid.traceId()).isEqualTo(TRACE_ID);
		assertThat(emptyThenValid.tracestate()).containsEntry("foo", "1");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateMultipleHeadersDifferentKeys(String propagation) throws IOException {
		Outgoing outgoing = request(propagation, TRACEPARENT_00, "tracestate: foo=1,bar=2",
				"tracestate: rojo=1,congo=2", "tracestate: baz=3");
		assertThat(outgoing.traceId()).isEqualTo(TRACE_ID);
		assertThat(outgoing.tracestateText()).containsSubsequence("foo=1", "bar=2", "rojo=1", "congo=2", "baz=3");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateDuplicatedKeys(String propagation) throws IOException {
		Outgoing sameValue = request(propagation, TRACEPARENT_00, "tracestate: foo=1,foo=1");
		assertThat(sameValue.traceId()).isEqualTo(TRACE_ID);
		assertThat(sameValue.tracestateText()).contains("foo=1");
		Outgoing otherValue = request(propagation, TRACEPARENT_00, "tracestate: foo=1,foo=2");
		assertThat(otherValue.traceId()).isEqualTo(TRACE_ID);
		assertThat(otherValue.tracestateText()).containsAnyOf("foo=1", "foo=2");
		Outgoing twoHeaders = request(propagation, TRACEPARENT_00, "tracestate: foo=1", "tracestate: foo=1");
		assertThat(twoHeaders.tracestateText()).contains("foo=1");
		Outgoing twoHeadersOtherValue = request(propagation, TRACEPARENT_00, "tracestate: foo=1", "tracestate: foo=2");
		assertThat(twoHeadersOtherValue.tracestateText()).containsAnyOf("foo=1", "foo=2");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateAllAllowedCharacters(String propagation) throws IOException {
		String keyWithoutVendor = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
		String keyWithVendor = keyWithoutVendor + "@a-z0-9_-*/";
		String value = IntStream.rangeClosed(0x20, 0x7e)
			.filter((c) -> c != ',' && c != '=')
			.mapToObj(Character::toString)
			.collect(Collectors.joining());
		for (String key : List.of(keyWithoutVendor, keyWithVendor)) {
			assertThat(request(propagation, TRACEPARENT_00, "tracestate: " + key + "=" + value).tracestate())
				.containsEntry(key, value);
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateOwsHandling(String propagation) throws IOException {
		for (String tracestate : List.of("foo=1 \t , \t bar=2, \t baz=3", "foo=1\t \t,\t \tbar=2,\t \tbaz=3")) {
			assertThat(request(propagation, TRACEPARENT_00, "tracestate: " + tracestate).tracestate())
				.containsEntry("foo", "1")
				.containsEntry("bar", "2")
				.containsEntry("baz", "3");
		}
		for (String tracestate : List.of(" foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t")) {
			Outgoing outgoing = request(propagation, TRACEPARENT_00, "tracestate: " + tracestate);
			assertThat(outgoing.traceId()).isEqualTo(TRACE_ID);
			assertThat(outgoing.tracestate()).containsEntry("foo", "1");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateKeyIllegalCharacters(String propagation) throws IOException {
		for (String tracestate : List.of("foo =1", "FOO=1", "foo.bar=1")) {
			assertThat(request(propagation, TRACEPARENT_00, "tracestate: " + tracestate).tracestate())
				.doesNotContainKeys("foo ", "FOO", "foo.bar");
		}
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateKeyIllegalVendorFormat(String propagation) throws IOException {
		for (String key : List.of("foo@", "foo@@bar", "foo@bar@baz")) {
			assertThat(request(propagation, TRACEPARENT_00, "tracestate: " + key + "=1,bar=2").tracestate())
				.containsEntry(key, "1")
				.containsEntry("bar", "2");
		}
		assertThat(request(propagation, TRACEPARENT_00, "tracestate: @foo=1,bar=2").tracestate())
			.doesNotContainKey("bar");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateMemberCountLimit(String propagation) throws IOException {
		List<String> headers = new ArrayList<>(List.of(TRACEPARENT_00,
				"tracestate: bar01=01,bar02=02,bar03=03,bar04=04,bar05=05,bar06=06,bar07=07,bar08=08,bar09=09,bar10=10",
				"tracestate: bar11=11,bar12=12,bar13=13,bar14=14,bar15=15,bar16=16,bar17=17,bar18=18,bar19=19,bar20=20",
				"tracestate: bar21=21,bar22=22,bar23=23,bar24=24,bar25=25,bar26=26,bar27=27,bar28=28,bar29=29,bar30=30"));
		Outgoing thirtyTwo = request(propagation, with(headers, "tracestate: bar31=31,bar32=32"));
		assertThat(thirtyTwo.tracestate()).hasSize(32).containsEntry("bar01", "01");
		Outgoing thirtyThree = request(propagation, with(headers, "tracestate: bar31=31,bar32=32,bar33=33"));
		assertThat(thirtyThree.tracestate()).doesNotContainKey("bar01");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateKeyLengthLimit(String propagation) throws IOException {
		for (String key : List.of("z".repeat(256), "t".repeat(241) + "@" + "v".repeat(14), "t".repeat(242) + "@v",
				"t@" + "v".repeat(15))) {
			assertThat(
					request(propagation, TRACEPARENT_00, "tracestate: foo=1", "tracestate: " + key + "=1").tracestate())
				.containsEntry("foo", "1")
				.containsEntry(key, "1");
		}
		assertThat(request(propagation, TRACEPARENT_00, "tracestate: foo=1", "tracestate: " + "z".repeat(257) + "=1")
			.tracestate()).doesNotContainKey("foo");
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void tracestateValueIllegalCharacters(String propagation) throws IOException {
		assertThat(request(propagation, TRACEPARENT_00, "tracestate: foo=bar=baz").tracestate())
			.doesNotContainKey("foo");
		assertThat(request(propagation, TRACEPARENT_00, "tracestate: foo=,bar=3").tracestate())
			.doesNotContainKeys("foo", "bar");
	}

	// AdvancedTest

	@ParameterizedTest
	@MethodSource("propagation")
	void multipleRequestsWithValidTraceparent(String propagation) throws IOException {
		List<Outgoing> outgoing = requests(propagation, 3, TRACEPARENT_01);
		assertThat(outgoing).extracting(Outgoing::traceId).containsOnly(TRACE_ID);
		assertThat(outgoing).extracting(Outgoing::parentId).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void multipleRequestsWithoutTraceparent(String propagation) throws IOException {
		assertThat(requests(propagation, 3)).extracting(Outgoing::parentId).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@MethodSource("propagation")
	void multipleRequestsWithIllegalTraceparent(String propagation) throws IOException {
		List<Outgoing> outgoing = requests(propagation, 3,
				"traceparent: 00-00000000000000000000000000000000-" + PARENT_ID + "-01");
		assertThat(outgoing).extracting(Outgoing::traceId).doesNotContain("00000000000000000000000000000000");
		assertThat(outgoing).extracting(Outgoing::parentId).doesNotHaveDuplicates();
	}

	// TraceContext2Test

	@ParameterizedTest
	@MethodSource("propagation")
	void propagatesRandomFlag(String propagation) throws IOException {
		assumeThat(sdkPassesOnTheRandomFlag()).as("OpenTelemetry 1.55 does not pass on the random flag").isTrue();
		Outgoing outgoing = request(propagation, "traceparent: 00-" + TRACE_ID + "-" + PARENT_ID + "-02");
		assertThat(outgoing.traceId()).isEqualTo(TRACE_ID);
		assertThat(outgoing.parentId()).isNotEqualTo(PARENT_ID);
		assertThat(outgoing.flags() & 0x02).as("random flag").isEqualTo(0x02);
	}

	// The suite itself, when it is at hand.

	@ParameterizedTest
	@MethodSource("propagation")
	void officialSuitePasses(String propagation) throws Exception {
		String suite = System.getenv("W3C_TRACE_CONTEXT_SUITE");
		assumeThat(suite).as("W3C_TRACE_CONTEXT_SUITE names the suite's test.py").isNotBlank();
		int harnessPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			harnessPort = socket.getLocalPort();
		}
		Path log = Files.createTempFile("w3c-trace-context", ".log");
		ProcessBuilder builder = new ProcessBuilder("python3", suite, "http://127.0.0.1:" + port(propagation) + "/test")
			.directory(Path.of(suite).getParent().toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("STRICT_LEVEL", "2");
		builder.environment().put("SPEC_LEVEL", "2");
		builder.environment().put("HARNESS_PORT", String.valueOf(harnessPort));
		Process process = builder.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String output = Files.readString(log);
		System.out.println("W3C Trace Context suite with distrace.propagation=" + propagation + ":\n" + output);
		assertThat(process.exitValue()).as(output).isZero();
	}

	private static boolean sdkPassesOnTheRandomFlag() {
		SpanContext caller = SpanContext.createFromRemoteParent(TRACE_ID, PARENT_ID, TraceFlags.fromByte((byte) 0x02),
				TraceState.getDefault());
		try (SdkTracerProvider provider = SdkTracerProvider.builder().build()) {
			Span span = provider.get("probe")
				.spanBuilder("probe")
				.setParent(Context.root().with(Span.wrap(caller)))
				.startSpan();
			span.end();
			return (span.getSpanContext().getTraceFlags().asByte() & 0x02) != 0;
		}
	}

	private void assertNewTrace(String propagation, String... headerLines) throws IOException {
		assertThat(request(propagation, headerLines).traceId()).isNotEqualTo(TRACE_ID);
	}

	private void assertContinued(String propagation, String... headerLines) throws IOException {
		assertThat(request(propagation, headerLines).traceId()).isEqualTo(TRACE_ID);
	}

	private static String[] with(List<String> headers, String last) {
		List<String> all = new ArrayList<>(headers);
		all.add(last);
		return all.toArray(String[]::new);
	}

	private static Outgoing request(String propagation, String... headerLines) throws IOException {
		return requests(propagation, 1, headerLines).get(0);
	}

	/**
	 * Ask the service to call back {@code count} times, as the suite's harness does, and
	 * return the trace context of each call.
	 */
	private static List<Outgoing> requests(String propagation, int count, String... headerLines) throws IOException {
		String scope = "/" + UUID.randomUUID();
		String actions = IntStream.range(0, count)
			.mapToObj((i) -> "{\"url\": \"http://127.0.0.1:" + callbackServer.getAddress().getPort() + scope + "." + i
					+ "\", \"arguments\": []}")
			.collect(Collectors.joining(",", "[", "]"));
		String response = new HttpTestClient(port(propagation)).rawPost("/test", actions, headerLines);
		assertThat(response).startsWith("HTTP/1.1 200");
		List<Outgoing> outgoing = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<Map.Entry<String, String>> headers = callbacks.remove(scope + "." + i);
			assertThat(headers).as("callback %d", i).isNotNull();
			outgoing.add(Outgoing.of(headers));
		}
		return outgoing;
	}

	private static int port(String propagation) {
		return ((WebServerApplicationContext) services.get(propagation)).getWebServer().getPort();
	}

	/**
	 * The trace context of one outgoing call, read as the suite reads it: exactly one
	 * valid {@code traceparent}, and every {@code tracestate} header, where a repeated
	 * key keeps its first value and an invalid member fails the test.
	 */
	record Outgoing(String traceId, String parentId, int flags, Map<String, String> tracestate,
			List<String> tracestateHeaders) {

		private static final Pattern MEMBER = Pattern.compile(
				"^([0-9a-z][_0-9a-z\\-*/@]{0,255})=([\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e])$");

		static Outgoing of(List<Map.Entry<String, String>> headers) {
			List<String> traceparents = values(headers, "traceparent");
			assertThat(traceparents).as("traceparent headers").hasSize(1);
			Matcher traceparent = TRACEPARENT.matcher(traceparents.get(0));
			assertThat(traceparent.matches()).as(traceparents.get(0)).isTrue();
			List<String> tracestateHeaders = values(headers, "tracestate");
			Map<String, String> tracestate = new LinkedHashMap<>();
			for (String header : tracestateHeaders) {
				for (String member : header.split("[ \t]*,[ \t]*")) {
					if (!member.isEmpty()) {
						Matcher matcher = MEMBER.matcher(member);
						assertThat(matcher.matches()).as("tracestate member %s", member).isTrue();
						tracestate.putIfAbsent(matcher.group(1), matcher.group(2));
					}
				}
			}
			return new Outgoing(traceparent.group(2), traceparent.group(3), Integer.parseInt(traceparent.group(4), 16),
					tracestate, tracestateHeaders);
		}

		private static List<String> values(List<Map.Entry<String, String>> headers, String name) {
			return headers.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.toList();
		}

		String tracestateText() {
			return this.tracestate.entrySet()
				.stream()
				.map((member) -> member.getKey() + "=" + member.getValue())
				.collect(Collectors.joining(","));
		}

	}

}
