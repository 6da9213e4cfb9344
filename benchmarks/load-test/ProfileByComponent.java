import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the execution samples of JFR recordings and says where the CPU went, by component:
 * each sample counts for the component of its innermost frame, where a frame of the JDK's
 * own library (a HashMap, a String) counts for the component that called it, so that
 * "OpenTelemetry SDK" includes the maps and strings the SDK works with. Prints the share of
 * every component, for the request threads and for all threads, then the hottest methods
 * of tracing (distrace, OpenTelemetry) with the same attribution.
 *
 * <pre>
 * java benchmarks/load-test/ProfileByComponent.java on-1.jfr [on-2.jfr ...]
 * </pre>
 */
public class ProfileByComponent {

	/** Package prefixes and their component, the first match wins. */
	private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

	static {
		COMPONENTS.put("io.github.distrace.sample.", "application (sample app)");
		COMPONENTS.put("io.github.distrace.", "distrace");
		COMPONENTS.put("io.opentelemetry.exporter.", "OpenTelemetry exporter");
		COMPONENTS.put("io.opentelemetry.sdk.", "OpenTelemetry SDK");
		COMPONENTS.put("io.opentelemetry.api.", "OpenTelemetry API and context");
		COMPONENTS.put("io.opentelemetry.context.", "OpenTelemetry API and context");
		COMPONENTS.put("io.opentelemetry.javaagent.", "OpenTelemetry agent and instrumentation");
		COMPONENTS.put("io.opentelemetry.instrumentation.", "OpenTelemetry agent and instrumentation");
		COMPONENTS.put("io.opentelemetry.", "OpenTelemetry agent and instrumentation");
		COMPONENTS.put("io.micrometer.", "Micrometer");
		COMPONENTS.put("org.apache.catalina.", "Tomcat");
		COMPONENTS.put("org.apache.coyote.", "Tomcat");
		COMPONENTS.put("org.apache.tomcat.", "Tomcat");
		COMPONENTS.put("org.springframework.", "Spring");
		COMPONENTS.put("org.h2.", "H2");
		COMPONENTS.put("com.zaxxer.hikari.", "HikariCP");
		COMPONENTS.put("tools.jackson.", "Jackson");
		COMPONENTS.put("com.fasterxml.jackson.", "Jackson");
		COMPONENTS.put("ch.qos.logback.", "logging");
		COMPONENTS.put("org.slf4j.", "logging");
		COMPONENTS.put("org.apache.commons.logging.", "logging");
		COMPONENTS.put("org.apache.logging.", "logging");
		COMPONENTS.put("jdk.internal.net.http.", "JDK HTTP client");
		COMPONENTS.put("java.net.http.", "JDK HTTP client");
		COMPONENTS.put("sun.nio.", "JDK network I/O");
		COMPONENTS.put("sun.net.", "JDK network I/O");
		COMPONENTS.put("java.nio.", "JDK network I/O");
	}

	private static final String JDK = "JDK (called from the JVM itself)";

	private static final String TRACING_PREFIXES = "distrace|OpenTelemetry";

	private final Map<String, Integer> requestThreads = new HashMap<>();

	private final Map<String, Integer> allThreads = new HashMap<>();

	private final Map<String, Integer> tracingMethods = new HashMap<>();

	private int requestSamples;

	private int samples;

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: java ProfileByComponent.java recording.jfr [more.jfr ...]");
			System.exit(2);
		}
		ProfileByComponent profile = new ProfileByComponent();
		for (String file : args) {
			for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(file))) {
				if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
					profile.add(event);
				}
			}
		}
		profile.print();
	}

	private void add(RecordedEvent sample) {
		RecordedStackTrace stack = sample.getStackTrace();
		if (stack == null || stack.getFrames().isEmpty()) {
			return;
		}
		String component = JDK;
		String method = null;
		for (RecordedFrame frame : stack.getFrames()) {
			String type = frame.getMethod().getType().getName();
			String found = componentOf(type);
			if (found != null) {
				component = found;
				method = type + "." + frame.getMethod().getName();
				break;
			}
		}
		RecordedThread thread = sample.getThread("sampledThread");
		String threadName = (thread != null && thread.getJavaName() != null) ? thread.getJavaName() : "";
		this.samples++;
		this.allThreads.merge(component, 1, Integer::sum);
		if (threadName.startsWith("http-nio-") && threadName.contains("exec")) {
			this.requestSamples++;
			this.requestThreads.merge(component, 1, Integer::sum);
		}
		if (component.matches("(" + TRACING_PREFIXES + ").*")) {
			this.tracingMethods.merge(component + ": " + method, 1, Integer::sum);
		}
	}

	private static String componentOf(String type) {
		for (Map.Entry<String, String> entry : COMPONENTS.entrySet()) {
			if (type.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		return null;
	}

	private void print() {
		System.out.printf("%d samples, %d on request threads (http-nio-*-exec-*)%n%n", this.samples,
				this.requestSamples);
		System.out.printf("%-42s %16s %12s%n", "component", "request threads", "all threads");
		List<String> components = new ArrayList<>(this.allThreads.keySet());
		components.sort((a, b) -> this.allThreads.get(b) - this.allThreads.get(a));
		for (String component : components) {
			System.out.printf("%-42s %15.1f%% %11.1f%%%n", component,
					percent(this.requestThreads.getOrDefault(component, 0), this.requestSamples),
					percent(this.allThreads.get(component), this.samples));
		}
		System.out.printf("%nHottest methods of tracing (all threads; JDK callees counted for their caller)%n");
		this.tracingMethods.entrySet()
			.stream()
			.sorted((a, b) -> b.getValue() - a.getValue())
			.limit(25)
			.forEach((entry) -> System.out.printf("%6.1f%%  %s%n", percent(entry.getValue(), this.samples),
					entry.getKey()));
	}

	private static double percent(int part, int whole) {
		return (whole != 0) ? 100.0 * part / whole : 0;
	}

}
