import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CPU profiles in async-profiler's collapsed format (one line per stack:
 * {@code [thread];frame;frame;... samples}, recorded with {@code threads}) and says where the
 * CPU went, by component: each sample counts for the component of its innermost Java frame
 * of a known library, so that the JDK's maps, strings and sockets, the JVM's allocation
 * paths and the kernel's system calls count for the code that called them (the socket
 * writes of OpenTelemetry's exporter for the exporter, Tomcat's for Tomcat). Stacks without
 * any such frame (thread pools parking and waking their threads, the garbage collector,
 * the JIT compiler) count as "JDK and JVM only". Prints the share of every component, for the request threads and for all threads, then
 * the hottest methods of tracing (distrace, OpenTelemetry) with the same attribution.
 *
 * <pre>
 * java benchmarks/load-test/ProfileByComponent.java on-1.collapsed [on-2.collapsed ...]
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
		COMPONENTS.put("org.springframework.aop.", "Spring AOP (proxies)");
		COMPONENTS.put("org.springframework.", "Spring");
		COMPONENTS.put("org.h2.", "H2");
		COMPONENTS.put("org.postgresql.", "PostgreSQL's JDBC driver");
		COMPONENTS.put("io.r2dbc.", "R2DBC");
		COMPONENTS.put("reactor.netty.", "Reactor Netty");
		COMPONENTS.put("io.netty.", "Netty");
		COMPONENTS.put("reactor.", "Reactor");
		COMPONENTS.put("com.zaxxer.hikari.", "HikariCP");
		COMPONENTS.put("tools.jackson.", "Jackson");
		COMPONENTS.put("com.fasterxml.jackson.", "Jackson");
		COMPONENTS.put("ch.qos.logback.", "logging");
		COMPONENTS.put("org.slf4j.", "logging");
		COMPONENTS.put("org.apache.commons.logging.", "logging");
		COMPONENTS.put("org.apache.logging.", "logging");
		COMPONENTS.put("jdk.internal.net.http.", "JDK HTTP client");
		COMPONENTS.put("java.net.http.", "JDK HTTP client");
	}

	private static final String JVM = "JDK and JVM only (thread hand-offs, GC, JIT)";

	private final Map<String, Integer> requestThreads = new HashMap<>();

	private final Map<String, Integer> allThreads = new HashMap<>();

	private final Map<String, Integer> tracingMethods = new HashMap<>();

	private final Map<String, Integer> threadGroups = new HashMap<>();

	private int requestSamples;

	private int samples;

	public static void main(String[] args) throws IOException {
		if (args.length == 0) {
			System.err.println("Usage: java ProfileByComponent.java profile.collapsed [more.collapsed ...]");
			System.exit(2);
		}
		ProfileByComponent profile = new ProfileByComponent();
		for (String file : args) {
			for (String line : Files.readAllLines(Path.of(file))) {
				int space = line.lastIndexOf(' ');
				if (space > 0) {
					profile.add(line.substring(0, space).split(";"), Integer.parseInt(line.substring(space + 1)));
				}
			}
		}
		profile.print();
	}

	private void add(String[] frames, int count) {
		String component = JVM;
		String method = null;
		for (int i = frames.length - 1; i >= 0; i--) {
			String frame = frames[i].replace('/', '.');
			String found = componentOf(frame);
			if (found != null) {
				component = found;
				method = frame;
				break;
			}
		}
		this.samples += count;
		this.allThreads.merge(component, count, Integer::sum);
		// "[http-nio-127.0.0.1-18080-exec-3 tid=42]": the thread's name, its numbers left out.
		String thread = frames[0].replaceFirst(" tid=.*", "").replaceAll("[0-9]+", "N");
		this.threadGroups.merge(thread.startsWith("[") ? thread.substring(1) : thread, count, Integer::sum);
		if ((frames[0].startsWith("[http-nio-") && frames[0].contains("exec"))
				|| frames[0].startsWith("[reactor-http-")) {
			this.requestSamples += count;
			this.requestThreads.merge(component, count, Integer::sum);
		}
		if (component.startsWith("distrace") || component.startsWith("OpenTelemetry")) {
			this.tracingMethods.merge(component + ": " + method, count, Integer::sum);
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
		System.out.printf("%d CPU samples, %d on request threads (http-nio-*-exec-*, reactor-http-*)%n%n", this.samples,
				this.requestSamples);
		System.out.printf("%-42s %16s %12s%n", "component", "request threads", "all threads");
		List<String> components = new ArrayList<>(this.allThreads.keySet());
		components.sort((a, b) -> this.allThreads.get(b) - this.allThreads.get(a));
		for (String component : components) {
			System.out.printf("%-42s %15.1f%% %11.1f%%%n", component,
					percent(this.requestThreads.getOrDefault(component, 0), this.requestSamples),
					percent(this.allThreads.get(component), this.samples));
		}
		System.out.printf("%nHottest methods of tracing (all threads; JDK, JVM and kernel callees counted for their caller)%n");
		printLargest(this.tracingMethods, 25);
		// Where the JDK's HTTP client exports (OpenTelemetry's JDK sender), its CPU shows
		// on the sender's "jdkhttp-executor" threads and one of the "HttpClient-N"
		// selector threads, not under a component of its own.
		System.out.printf("%nThreads (names without their numbers; all threads)%n");
		printLargest(this.threadGroups, 12);
	}

	// The largest counts first, each as a share of all samples.
	private void printLargest(Map<String, Integer> counts, int limit) {
		counts.entrySet()
			.stream()
			.sorted((a, b) -> b.getValue() - a.getValue())
			.limit(limit)
			.forEach((entry) -> System.out.printf("%6.1f%%  %s%n", percent(entry.getValue(), this.samples),
					entry.getKey()));
	}

	private static double percent(int part, int whole) {
		return (whole != 0) ? 100.0 * part / whole : 0;
	}

}
