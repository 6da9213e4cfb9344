package io.github.distrace.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplicationAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application processed ahead of time as {@code spring-boot:process-aot} does
 * (Spring Boot's {@link SpringApplicationAotProcessor}, in a JVM of its own), the sources
 * it generated compiled, then run with {@code -Dspring.aot.enabled=true}: it starts from
 * the generated bean definitions, and a request is traced from its server span through
 * the {@code @Traced} methods to the SQL query, exported to a real OTLP receiver.
 */
class SampleAotTests {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	@TempDir
	private Path aot;

	@Test
	void anApplicationProcessedAheadOfTimeStartsAndTraces() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			int port = freePort();
			// The same arguments at build time and at run time: conditions are decided
			// when the application is processed.
			List<String> arguments = List.of("--server.port=" + port, "--distrace.exporter=otlp",
					"--distrace.otlp.endpoint=" + receiver.endpoint(), "--distrace.batch.schedule-delay=50ms",
					"--spring.main.banner-mode=off");
			Path sources = this.aot.resolve("sources");
			Path resources = this.aot.resolve("resources");
			Path classes = this.aot.resolve("classes");
			String classPath = applicationClassPath();
			List<String> process = new ArrayList<>(
					List.of(java(), "-cp", classPath, SpringApplicationAotProcessor.class.getName(),
							SampleApplication.class.getName(), sources.toString(), resources.toString(),
							classes.toString(), "io.github.distrace", "distrace-sample-app"));
			process.addAll(arguments);
			assertThat(runToEnd(process, this.aot.resolve("process-aot.log"))).isZero();
			compile(sources, classes, classPath);
			List<String> run = new ArrayList<>(List.of(java(), "-Dspring.aot.enabled=true", "-cp",
					String.join(File.pathSeparator, classes.toString(), resources.toString(), classPath),
					SampleApplication.class.getName()));
			run.addAll(arguments);
			Path log = this.aot.resolve("application.log");
			Process application = new ProcessBuilder(run).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			try {
				HttpClient client = HttpClient.newHttpClient();
				URI order = URI.create("http://localhost:" + port + "/orders/1");
				await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
					assertThat(application.isAlive()).as("running; its output:%n%s", read(log)).isTrue();
					return client.send(HttpRequest.newBuilder(order).build(), HttpResponse.BodyHandlers.ofString())
						.statusCode() == 200;
				});
				assertThat(read(log)).contains("Starting AOT-processed SampleApplication");
				ReceivedSpan server = receiver.awaitSpan((span) -> "/orders/1".equals(span.attribute("url.path")));
				assertThat(server.name()).isEqualTo("GET /orders/{id}");
				List<ReceivedSpan> trace = receiver.awaitSpans(
						(span) -> span.traceId().equals(server.traceId()) && span.name().equals("SELECT orders")
								|| span.traceId().equals(server.traceId()) && span.name().equals("OrderService.find"),
						2);
				assertThat(trace).extracting(ReceivedSpan::name)
					.containsExactlyInAnyOrder("SELECT orders", "OrderService.find");
			}
			finally {
				application.destroy();
				application.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * The application's class path, as the Maven plugin gives it: the test classes and
	 * test-only libraries left out.
	 */
	private static String applicationClassPath() {
		String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(testClassPath.split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static void compile(Path sources, Path classes, String classPath) throws IOException {
		List<String> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter((file) -> file.toString().endsWith(".java")).map(Path::toString).toList();
		}
		assertThat(files).as("generated sources").isNotEmpty();
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> options = new ArrayList<>(
				List.of("-proc:none", "-parameters", "-nowarn", "-cp", classPath, "-d", classes.toString()));
		options.addAll(files);
		assertThat(compiler.run(null, null, null, options.toArray(String[]::new))).as("javac").isZero();
	}

	private static int runToEnd(List<String> command, Path log) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean exited = process.waitFor(STARTUP.toMinutes(), TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly();
		}
		assertThat(exited).as("ended in time; its output:%n%s", read(log)).isTrue();
		if (process.exitValue() != 0) {
			System.err.println(read(log));
		}
		return process.exitValue();
	}

	private static String read(Path log) throws IOException {
		return Files.readString(log, StandardCharsets.UTF_8);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
