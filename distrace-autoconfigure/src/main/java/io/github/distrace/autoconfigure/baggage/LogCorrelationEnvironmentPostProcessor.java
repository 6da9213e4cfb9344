package io.github.distrace.autoconfigure.baggage;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Makes Spring Boot's default log line show the trace and span ids, as Spring Boot does
 * for its own tracing: {@value LoggingSystem#EXPECT_CORRELATION_ID_PROPERTY} follows
 * {@code distrace.enabled}. Added last, so the application's own setting wins.
 *
 * @author distrace
 */
class LogCorrelationEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (ClassUtils.isPresent(LOGBACK, application.getClassLoader())) {
			boolean enabled = environment.getProperty("distrace.enabled", Boolean.class, true);
			environment.getPropertySources()
				.addLast(new MapPropertySource("distraceLogCorrelation",
						Map.of(LoggingSystem.EXPECT_CORRELATION_ID_PROPERTY, enabled)));
		}
	}

}
