package io.github.distrace.compatibility;

import io.github.distrace.autoconfigure.sdk.SpanExportStatistics;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Started in a JVM of its own, with or without OpenTelemetry's Java agent: says whether
 * distrace built its tracing, then stops.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AgentAttachedApplication {

	static final String REPORT = "distrace export statistics beans: ";

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AgentAttachedApplication.class)
			.web(WebApplicationType.NONE)
			.run(args)) {
			System.out.println(REPORT + context.getBeanNamesForType(SpanExportStatistics.class).length);
		}
	}

}
