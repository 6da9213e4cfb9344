package io.github.distrace.compatibility;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application started with OpenTelemetry's real Java agent ({@code -javaagent}), in a
 * JVM of its own: distrace steps aside with one warning, so that nothing is traced twice,
 * unless it is enabled explicitly.
 */
class OpenTelemetryAgentCompatibilityTests {

	private static final String AGENT_STARTED = "opentelemetry-javaagent - version: ";

	private static final String STEPS_ASIDE = "distrace steps aside and records no span";

	@Test
	void distraceStepsAsideForTheAgentWithOneWarning() throws Exception {
		String output = run(true);
		assertThat(output).contains(AGENT_STARTED).contains(AgentAttachedApplication.REPORT + "0");
		assertThat(output.split(STEPS_ASIDE, -1)).as("warnings").hasSize(2);
	}

	@Test
	void enabledExplicitlyBothTraceWithAWarning() throws Exception {
		String output = run(true, "--distrace.enabled=true");
		assertThat(output).contains(AGENT_STARTED)
			.contains(AgentAttachedApplication.REPORT + "1")
			.contains("each request, query and message is recorded twice")
			.doesNotContain(STEPS_ASIDE);
	}

	private static String run(boolean agent, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (agent) {
			Path jar = Path.of(System.getProperty("distrace.test.opentelemetry-javaagent"));
			assertThat(jar).as("the agent, copied by the build").isRegularFile();
			command.add("-javaagent:" + jar);
			// The agent traces but sends nowhere: there is no collector here.
			command.addAll(List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
					"-Dotel.logs.exporter=none"));
		}
		command.addAll(
				List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
						AgentAttachedApplication.class.getName(), "--spring.main.banner-mode=off"));
		command.addAll(List.of(arguments));
		Path log = Files.createTempFile("agent-attached", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			boolean exited = process.waitFor(3, TimeUnit.MINUTES);
			if (!exited) {
				process.destroyForcibly();
			}
			String output = Files.readString(log, StandardCharsets.UTF_8);
			assertThat(exited).as("exited in time; output:%n%s", output).isTrue();
			assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
			return output;
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

}
