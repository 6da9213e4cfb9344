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
 * The CPU figures of {@code /actuator/distrace}, checked against a profile of the same
 * load. Java Flight Recorder samples the stacks of every thread; the request threads' CPU
 * time is read from the JVM, and a share of their samples is that share of it. A request
 * thread's sample counts as tracing when the innermost frame outside the JDK is
 * distrace's or OpenTelemetry's; the export threads (by name) are sampled the same way.
 * Each figure must agree with the profile's within {@value #FACTOR}x: the endpoint times
 * distrace's own sections of code on one request in 64 and reads the export threads'
 * clocks, the profile sees every request but only a sample of its instants, and neither
 * sees exactly what the other does (the profile counts Spring AOP's frames around the
 * {@code @Traced} method as the application's and misses time in native code, such as
 * writing to a socket; the endpoint misses the filter's exclusion check).
 * <p>
 * In a JVM of its own (surefire's {@code overhead} execution), so that other tests'
 * threads do not share the sampler's period.
 */
@Tag("overhead")
class TracingOverheadProfileTests {

	static final double FACTOR = 2.5;

	private static final int CONCURRENCY = 2;

	// Enough for the JIT to compile the request path before the measured load.
	private static final int WARM_UP_REQUESTS = 6000;

	// Requests are measured at random: with these, the endpoint's mean covers measured
	// requests only but for about one run in a hundred.
	private static final int MEASURED_REQUESTS = RequestTracingCpu.SAMPLE_EVERY * RequestTracingCpu.WINDOW + 4000;

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void cpuFiguresAgreeWithAProfileOfTheSameLoad(@TempDir Path directory) throws Exception {
		assumeThat(threads.isThreadCpuTimeSupported()).as("the JVM measures threads' CPU time").isTrue();
		try (OtlpReceiver receiver = OtlpReceiver.http();
				ConfigurableApplicationContext context = OrdersTestApplication.run(
						"--distrace.otlp.endpoint=" + receiver.endpoint(), "--distrace.batch.max-queue-size=100000",
						"--management.endpoints.web.exposure.include=distrace")) {
			OrdersTestApplication.load(context, WARM_UP_REQUESTS, CONCURRENCY);
			DocumentContext before = exported(context, WARM_UP_REQUESTS);
			Map<Long, Long> cpuBefore = requestThreadsCpu();
			Path file = directory.resolve("load.jfr");
			DocumentContext after;
			try (Recording recording = new Recording()) {
				recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
				recording.start();
				OrdersTestApplication.load(context, MEASURED_REQUESTS, CONCURRENCY);
				// The profile covers the export of the measured requests' spans too.
				after = exported(context, WARM_UP_REQUESTS + MEASURED_REQUESTS);
				recording.stop();
				recording.dump(file);
			}
			long requestThreadsCpu = cpuSince(cpuBefore);
			Profile profile = Profile.of(file);
			assertThat(profile.samples()).as("request thread samples").isGreaterThan(500);
			int measured = after.<Number>read("$.overhead.requestThreads.measuredRequests").intValue();
			long perRequest = after.<Number>read("$.overhead.requestThreads.cpuNanosPerRequest").longValue();
			long profiledPerRequest = (long) (profile.share(profile.tracing()) * requestThreadsCpu / MEASURED_REQUESTS);
			System.out.printf(
					"Tracing CPU per request on request threads: endpoint %d ns (%d requests measured), "
							+ "profile %d ns (%d of %d samples, %d ns of CPU per request in all)%n",
					perRequest, measured, profiledPerRequest, profile.tracing(), profile.samples(),
					requestThreadsCpu / MEASURED_REQUESTS);
			assertThat(measured).isEqualTo(RequestTracingCpu.WINDOW);
			assertThat((double) perRequest).isBetween(profiledPerRequest / FACTOR, profiledPerRequest * FACTOR);
			long spans = exportedSpans(after) - exportedSpans(before);
			long perSpan = (exportCpu(after) - exportCpu(before)) / spans;
			long profiledPerSpan = (long) (profile.share(profile.export()) * requestThreadsCpu / spans);
			System.out.printf("Export CPU per span: endpoint %d ns, profile %d ns (%d samples on export threads, "
					+ "%d spans)%n", perSpan, profiledPerSpan, profile.export(), spans);
			assertThat(profile.export()).as("export thread samples").isGreaterThan(20);
			assertThat((double) perSpan).isBetween(profiledPerSpan / FACTOR, profiledPerSpan * FACTOR);
		}
	}

	// Once the spans of so many requests were exported (or, on a machine too busy for the
	// exporter to keep up, dropped), the export threads are idle.
	private DocumentContext exported(ConfigurableApplicationContext context, int requests) {
		long spans = (long) requests * OrdersTestApplication.SPANS_PER_REQUEST;
		return await().atMost(Duration.ofMinutes(2))
			.until(() -> distrace(context),
					(distrace) -> distrace.<Number>read("$.exporter.exported").longValue()
							+ distrace.<Number>read("$.exporter.failed").longValue()
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

	private static Map<Long, Long> requestThreadsCpu() {
		Map<Long, Long> cpu = new HashMap<>();
		for (ThreadInfo thread : threads.dumpAllThreads(false, false)) {
			if (isRequestThread(thread.getThreadName())) {
				cpu.put(thread.getThreadId(), Math.max(0, threads.getThreadCpuTime(thread.getThreadId())));
			}
		}
		return cpu;
	}

	private static long cpuSince(Map<Long, Long> before) {
		long total = 0;
		for (Map.Entry<Long, Long> thread : requestThreadsCpu().entrySet()) {
			total += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
		}
		return total;
	}

	// Tomcat's request threads, such as http-nio-auto-1-exec-3.
	private static boolean isRequestThread(String name) {
		return name.startsWith("http-nio-") && name.contains("-exec-");
	}

	// The batch span processor's thread and the OTLP exporter's HTTP sender's threads
	// (the
	// JDK's, OkHttp's where an application chose it), by their names: the endpoint finds
	// them by their part in exports instead.
	private static boolean isExportThread(String name) {
		return name.startsWith("BatchSpanProcessor_WorkerThread") || name.startsWith("jdkhttp-executor")
				|| name.startsWith("okhttp-dispatch");
	}

	/**
	 * The request threads' samples, and those taken in tracing code.
	 */
	private record Profile(int samples, int tracing, int export) {

		private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

		static Profile of(Path file) throws Exception {
			int samples = 0;
			int tracing = 0;
			int export = 0;
			for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
				RecordedThread thread = event.getThread("sampledThread");
				RecordedStackTrace stack = event.getStackTrace();
				if (!event.getEventType().getName().equals("jdk.ExecutionSample") || thread == null || stack == null
						|| thread.getJavaName() == null) {
					continue;
				}
				if (isExportThread(thread.getJavaName())) {
					export++;
				}
				if (!isRequestThread(thread.getJavaName())) {
					continue;
				}
				samples++;
				if (isTracing(stack.getFrames())) {
					tracing++;
				}
			}
			return new Profile(samples, tracing, export);
		}

		// The innermost frame outside the JDK says whose work it is: distrace's filter
		// calling the rest of the chain is not tracing, its span start is.
		private static boolean isTracing(List<RecordedFrame> frames) {
			for (RecordedFrame frame : frames) {
				String type = frame.getMethod().getType().getName();
				if (JDK.stream().noneMatch(type::startsWith)) {
					boolean distrace = type.startsWith("io.github.distrace.")
							&& !type.startsWith(OrdersTestApplication.class.getName());
					return distrace || type.startsWith("io.opentelemetry.");
				}
			}
			return false;
		}

		// Samples in proportion to the request threads' samples, whose CPU time is known.
		double share(int samples) {
			return (double) samples / this.samples;
		}

	}

}
