package io.github.distrace.autoconfigure.sdk.env;

import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Steps aside when OpenTelemetry's Java agent is attached: the agent already traces the
 * requests, queries and messages distrace would, so both together would record each of
 * them twice. Unless {@code distrace.enabled} is set, distrace turns itself off, as
 * {@code distrace.enabled=false} does, and says so once; set to {@code true}, both run
 * and a warning says what that costs.
 *
 * @author distrace
 */
class OpenTelemetryAgentStepAside implements EnvironmentPostProcessor, Ordered {

	/**
	 * After the {@code OTEL_*} variables are read, so that {@code OTEL_SDK_DISABLED}
	 * counts as a setting of {@code distrace.enabled}.
	 */
	static final int ORDER = OtelEnvironmentPostProcessor.ORDER + 1;

	static final String PROPERTY_SOURCE_NAME = "distraceStepsAsideForTheOpenTelemetryAgent";

	/**
	 * A class of the agent's that it adds to the bootstrap class path when it starts:
	 * found there only when the agent runs, never because its jar is merely on the class
	 * path.
	 */
	private static final String AGENT_BOOTSTRAP_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

	private final Log logger;

	OpenTelemetryAgentStepAside(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(OpenTelemetryAgentStepAside.class);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		postProcessEnvironment(environment, agentAttached());
	}

	void postProcessEnvironment(ConfigurableEnvironment environment, boolean agentAttached) {
		if (!agentAttached || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		String enabled = environment.getProperty("distrace.enabled");
		if (enabled == null) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("distrace.enabled", "false")));
			this.logger.warn("OpenTelemetry's Java agent is attached and traces this application: distrace steps "
					+ "aside and records no span, so that nothing is traced twice. Remove the agent (-javaagent) to "
					+ "trace with distrace, or set distrace.enabled=true to run both.");
		}
		else if (Boolean.parseBoolean(enabled.trim())) {
			this.logger.warn("OpenTelemetry's Java agent is attached and distrace.enabled=true: both trace this "
					+ "application, and each request, query and message is recorded twice. Remove the agent "
					+ "(-javaagent) or set distrace.enabled=false.");
		}
	}

	static boolean agentAttached() {
		try {
			Class.forName(AGENT_BOOTSTRAP_CLASS, false, null);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
