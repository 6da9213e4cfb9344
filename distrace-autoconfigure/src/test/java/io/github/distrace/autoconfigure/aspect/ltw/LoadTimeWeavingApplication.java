package io.github.distrace.autoconfigure.aspect.ltw;

import java.util.LinkedHashMap;

import io.github.distrace.SpanTag;
import io.github.distrace.Traced;
import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.aspect.DistraceAspectAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * An application run by {@code TracedAspectLoadTimeWeavingTests} in a JVM of its own,
 * with AspectJ's weaver as Java agent. Prints one line per span: name, the name of its
 * parent, and its attributes.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ DistraceSdkAutoConfiguration.class, DistraceAspectAutoConfiguration.class })
@Import({ InMemorySpans.class, LoadTimeWeavingApplication.Orders.class })
public class LoadTimeWeavingApplication {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LoadTimeWeavingApplication.class)
			.web(WebApplicationType.NONE)
			.properties("distrace.exporter=none", "distrace.aspect.mode=aspectj", "logging.level.root=warn")
			.run(args)) {
			context.getBean(Orders.class).place();
			for (SpanData span : InMemorySpans.spans(context)) {
				String parent = InMemorySpans.spans(context)
					.stream()
					.filter((candidate) -> candidate.getSpanId().equals(span.getParentSpanId()))
					.map(SpanData::getName)
					.findFirst()
					.orElse("-");
				System.out.println("span " + span.getName() + " < " + parent + " "
						+ new LinkedHashMap<>(span.getAttributes().asMap()));
			}
		}
	}

	/**
	 * Calls its own methods, which a Spring proxy would not see.
	 */
	static class Orders {

		@Traced
		public void place() {
			validate("A-1");
			this.store();
		}

		@Traced
		private void validate(@SpanTag("order.id") String id) {
		}

		@Traced("Orders.store")
		void store() {
		}

	}

}
