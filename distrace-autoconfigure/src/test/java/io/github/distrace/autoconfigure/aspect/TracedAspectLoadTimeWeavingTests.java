package io.github.distrace.autoconfigure.aspect;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.aspect.ltw.LoadTimeWeavingApplication;
import org.aspectj.weaver.loadtime.Agent;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With AspectJ load-time weaving ({@code -javaagent:aspectjweaver.jar} and
 * {@code distrace.aspect.mode=aspectj}), calls within the same object and private methods
 * are traced, with their tags. The weaver is JVM-wide, so the application runs in a JVM
 * of its own.
 */
class TracedAspectLoadTimeWeavingTests {

	@Test
	void tracesSelfCallsAndPrivateMethods() throws Exception {
		Process process = new ProcessBuilder(List.of(javaExecutable(), "-javaagent:" + weaverJar(),
				"-Dorg.aspectj.weaver.loadtime.configuration=" + new ClassPathResource("ltw/aop.xml").getURL(), "-cp",
				System.getProperty("java.class.path"), LoadTimeWeavingApplication.class.getName()))
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).doesNotContain("AspectJ's weaving agent is not running");
		assertThat(output.lines().filter((line) -> line.startsWith("span "))).as(output)
			.containsExactlyInAnyOrder("span application start-up < - {distrace.startup=true}",
					"span Orders.validate < Orders.place {order.id=A-1}", "span Orders.store < Orders.place {}",
					"span Orders.place < - {}");
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String weaverJar() throws URISyntaxException {
		return new File(Agent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
	}

}
