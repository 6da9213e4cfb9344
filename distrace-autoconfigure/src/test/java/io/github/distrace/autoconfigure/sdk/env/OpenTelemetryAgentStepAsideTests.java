package io.github.distrace.autoconfigure.sdk.env;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What distrace does when OpenTelemetry's Java agent runs in the same JVM. Whether it
 * runs is given here; the compatibility tests attach the real agent.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenTelemetryAgentStepAsideTests {

	private static final DeferredLogFactory IMMEDIATE_LOGS = (log) -> log.get();

	@Test
	void withTheAgentAttachedDistraceTurnsItselfOffAndSaysSoOnce(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		OpenTelemetryAgentStepAside stepAside = new OpenTelemetryAgentStepAside(IMMEDIATE_LOGS);
		stepAside.postProcessEnvironment(environment, true);
		stepAside.postProcessEnvironment(environment, true);
		assertThat(environment.getProperty("distrace.enabled")).isEqualTo("false");
		assertThat(output.getOut().split("distrace steps aside")).hasSize(2);
	}

	@Test
	void anExplicitSettingWinsOverTheStepAside() {
		StandardEnvironment environment = environment("false");
		new OpenTelemetryAgentStepAside(IMMEDIATE_LOGS).postProcessEnvironment(environment, true);
		assertThat(environment.getPropertySources().contains(OpenTelemetryAgentStepAside.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void bothRunWhenDistraceIsEnabledExplicitlyWithAWarningThatEachSpanIsRecordedTwice(CapturedOutput output) {
		StandardEnvironment environment = environment("true");
		new OpenTelemetryAgentStepAside(IMMEDIATE_LOGS).postProcessEnvironment(environment, true);
		assertThat(environment.getProperty("distrace.enabled")).isEqualTo("true");
		assertThat(output)
			.contains("both trace this application, and each request, query and message is recorded twice");
	}

	@Test
	void withoutTheAgentNothingChanges(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		new OpenTelemetryAgentStepAside(IMMEDIATE_LOGS).postProcessEnvironment(environment, false);
		assertThat(environment.getProperty("distrace.enabled")).isNull();
		assertThat(output).doesNotContain("OpenTelemetry's Java agent");
	}

	@Test
	void theAgentIsNotAttachedToTheseTests() {
		assertThat(OpenTelemetryAgentStepAside.agentAttached()).isFalse();
	}

	private static StandardEnvironment environment(String enabled) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("distrace.enabled", enabled)));
		return environment;
	}

}
