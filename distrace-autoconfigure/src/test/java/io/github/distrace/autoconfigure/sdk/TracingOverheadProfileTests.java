package io.github.distrace.autoconfigure.sdk;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.distrace.autoconfigure.sdk.internal.RequestTracingCpu;
import io.github.distrace.test.OtlpReceiver;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The request threads' tracing CPU that {@code /actuator/distrace} reports, checked
 * against a profile of the same load: Java Flight Recorder samples the request threads'
 * stacks, a sample counts as tracing when the innermost frame outside the JDK is
 * distrace's or OpenTelemetry's, and the share of such samples times the request threads'
 * CPU time (read from the JVM) gives the profile's figure per request. The two must agree
 * within {@value #FACTOR}x: the endpoint times distrace's sections of code on one request
 * in 64, the profile sees every request but only a sample of its instants, and neither
 * sees exactly what the other does (the profile misses Spring AOP's frames around the
 * {@code @Traced} method; the endpoint misses the filter's exclusion check).
 * <p>
 * In a JVM of its own (surefire's {@code overhead} execution): cached contexts of other
 * tests, and their threads, would not change the request threads' profile, but the
 * sample period would be shared with them.
 */
@Tag("overhead")
class TracingOverheadProfileTests {

	static final double FACTOR = 2.5;

	private static final int CONCURRENCY = 2;

	// Enough for the JIT to compile the request path before the measured load.
	private static final int WARM_UP_REQUESTS = 6000;

	// The endpoint's mean then covers measured requests only.
	private static final int MEASURED_REQUESTS = RequestTracingCpu.SAMPLE_EVERY * RequestTracingCpu.WINDOW + 1000;

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void requestThreadsTracingCpuAgreesWithAProfileOfTheSameLoad(@TempDir Path directory) throws Exception {
		assumeThat(threads.isThreadCpuTimeSupported()).as("the JVM measures threads' CPU time").isTrue();
		try (OtlpReceiver receiver = OtlpReceiver.http();
				ConfigurableApplicationContext context = OrdersTestApplication.run(
						"--distrace.otlp.endpoint=" + receiver.endpoint(),
						"--distrace.batch.max-queue-size=100000",
						"--management.endpoints.web.exposure.include=distrace")) {
			OrdersTestApplication.load(context, WARM_UP_REQUESTS, CONCURRENCY);
			DocumentContext before = exported(context, (long) WARM_UP_REQUESTS * OrdersTestApplication.SPANS_PER_REQUEST);
			Map<Long, Long> cpuBefore = threadsCpu(TracingOverheadProfileTests::isRequestThread);
			Map<Long, Long> exportCpuBefore = threadsCpu(TracingOverheadProfileTests::isExportThread);
			Path file = directory.resolve("load.jfr");
			try (Recording recording = new Recording()) {
				recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
				recording.start();
				OrdersTestApplication.load(context, MEASURED_REQUESTS, CONCURRENCY);
				recording.stop();
				recording.dump(file);
			}
			long requestThreadsCpu = cpuSince(cpuBefore, TracingOverheadProfileTests::isRequestThread);
			Profile profile = Profile.of(file);
			DocumentContext distrace = exported(context,
					(long) (WARM_UP_REQUESTS + MEASURED_REQUESTS) * OrdersTestApplication.SPANS_PER_REQUEST);
			long exportThreadsCpu = cpuSince(exportCpuBefore, TracingOverheadProfileTests::isExportThread);
			int measured = distrace.<Number>read("$.overhead.requestThreads.measuredRequests").intValue();
			long reported = distrace.<Number>read("$.overhead.requestThreads.cpuNanosPerRequest").longValue();
			long profiled = (long) (profile.tracingShare() * requestThreadsCpu / MEASURED_REQUESTS);
			System.out.printf("Tracing CPU per request: endpoint %d ns (%d requests measured), profile %d ns "
					+ "(%d of %d samples, request threads' CPU %d ns per request)%n", reported, measured, profiled,
					profile.tracing(), profile.samples(), requestThreadsCpu / MEASURED_REQUESTS);
			assertThat(measured).isEqualTo(RequestTracingCpu.WINDOW);
			assertThat(profile.samples()).as("request thread samples").isGreaterThan(500);
			assertThat((double) reported).isBetween(profiled / FACTOR, profiled * FACTOR);
			long spans = exportedSpans(distrace) - exportedSpans(before);
			long reportedPerSpan = (exportCpu(distrace) - exportCpu(before)) / spans;
			long threadsPerSpan = exportThreadsCpu / spans;
			System.out.printf("Export CPU per span: endpoint %d ns, export threads by name %d ns (%d spans)%n",
					reportedPerSpan, threadsPerSpan, spans);
			assertThat((double) reportedPerSpan).isBetween(threadsPerSpan / FACTOR, threadsPerSpan * FACTOR);
		}
	}

	// Once the spans of so many requests were exported (or, on a machine too busy for the
	// exporter to keep up, dropped), the export threads are idle.
	private DocumentContext exported(ConfigurableApplicationContext context, long spans) {
		return await().atMost(Duration.ofMinutes(2))
			.until(() -> distrace(context), (distrace) -> exportedSpans(distrace)
					+ distrace.<Number>read("$.exporter.dropped.queue_full").longValue() >= spans);
	}

	private static long exportedSpans(DocumentContext distrace) {
		return distrace.<Number>read("$.overhead.exportThreads.exportedSpans").longValue();
	}

	private static long exportCpu(DocumentContext distrace) {
		return distrace.<Number>read("$.overhead.exportThreads.cpuNanos").longValue();
	}

	private DocumentContext distrace(ConfigurableApplicationContext context) throws Exception {
		HttpResponse<String> response = OrdersTestApplication.get(this.http, context, "/actuator/distrace");
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private static Map<Long, Long> threadsCpu(Predicate<String> named) {
		Map<Long, Long> cpu = new HashMap<>();
		for (ThreadInfo thread : threads.dumpAllThreads(false, false)) {
			if (named.test(thread.getThreadName())) {
				cpu.put(thread.getThreadId(), Math.max(0, threads.getThreadCpuTime(thread.getThreadId())));
			}
		}
		return cpu;
	}

	private static long cpuSince(Map<Long, Long> before, Predicate<String> named) {
		long total = 0;
		for (Map.Entry<Long, Long> thread : threadsCpu(named).entrySet()) {
			total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
		}
		return total;
	}

	// Tomcat's request threads, such as http-nio-auto-1-exec-3.
	private static boolean isRequestThread(String name) {
		return name.startsWith("http-nio-") && name.contains("-exec-");
	}

	// The batch span processor's thread and the OTLP exporter's HTTP client's threads, by
	// their names: the endpoint finds them otherwise, by their part in exports.
	private static boolean isExportThread(String name) {
		return name.startsWith("BatchSpanProcessor_WorkerThread") || name.startsWith("okhttp-dispatch");
	}

	/**
	 * The request threads' samples, and those taken in tracing code.
	 */
	private record Profile(int samples, int tracing) {

		private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

		static Profile of(Path file) throws Exception {
			int samples = 0;
			int tracing = 0;
			for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
				RecordedThread thread = event.getThread("sampledThread");
				RecordedStackTrace stack = event.getStackTrace();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || thread == null || stack == null
						|| thread.getJavaName() == null || !isRequestThread(thread.getJavaName())) {
					continue;
				}
				samples++;
				if (isTracing(stack.getFrames())) {
					tracing++;
				}
			}
			return new Profile(samples, tracing);
		}

		// The innermost frame outside the JDK says whose work it is: distrace's filter
		// calling the rest of the chain is not tracing, its span start is.
		private static boolean isTracing(List<RecordedFrame> frames) {
			for (RecordedFrame frame : frames) {
				String type = frame.getMethod().getType().getName();
				if (JDK.stream().noneMatch(type::startsWith)) {
					return (type.startsWith("io.github.distrace.") && !type.startsWith(OrdersTestApplication.class.getName()))
							|| type.startsWith("io.opentelemetry.");
				}
			}
			return false;
		}

		double tracingShare() {
			return (double) this.tracing / this.samples;
		}

	}

}
