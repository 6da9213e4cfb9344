package io.github.distrace.autoconfigure.sdk.env;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads OpenTelemetry's standard {@code OTEL_*} environment variables and {@code otel.*}
 * system properties as the {@code distrace.*} properties they stand for. Their property
 * source sits just below the system environment's: an {@code OTEL_*} variable overrides
 * {@code application.yml} as any environment variable does, and loses to command-line
 * arguments, system properties and an explicit {@code DISTRACE_*} variable. The
 * certificate variables define the SSL bundle {@code distrace-otlp} and select it, unless
 * {@code distrace.otlp.ssl.bundle} is set anywhere: a bundle chosen by name wins.
 *
 * @author distrace
 */
class OtelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Before the post-processors that read {@code distrace.enabled}, so that
	 * {@code OTEL_SDK_DISABLED} reaches them.
	 */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	static final String PROPERTY_SOURCE_NAME = "distraceOtelVariables";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> systemEnvironment = sources.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		OtelVariables variables = new OtelVariables(
				sources.get(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME), systemEnvironment);
		Map<String, Object> properties = OtelPropertyMapping.map(variables,
				environment.containsProperty(OtelPropertyMapping.SSL_BUNDLE_PROPERTY));
		if (properties.isEmpty()) {
			return;
		}
		PropertySource<?> source = new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, properties, true);
		if (systemEnvironment != null) {
			sources.addAfter(systemEnvironment.getName(), source);
		}
		else {
			sources.addLast(source);
		}
	}

}
