package io.github.distrace.compatibility;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * distrace's server and client spans beside Spring's own observation-based HTTP
 * instrumentation, which Micrometer Tracing (here from
 * {@code spring-boot-starter-opentelemetry}) turns into spans through distrace's SDK.
 * What the README says about it, checked: by default every hop is doubled but the trace
 * stays one connected trace; disabling Spring's HTTP observations leaves distrace's spans
 * alone.
 */
class WebBesideBootObservationsCompatibilityTests {

	@Test
	void bothInstrumentationsMakeOneConnectedTraceWithDoubledHops() throws Exception {
		List<ReceivedSpan> spans = relay(6);
		assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
		assertThat(spans).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("GET /relay", "http get /relay", "http get", "GET", "GET /target",
					"http get /target");
		ReceivedSpan root = only(spans, "GET /relay");
		assertThat(root.parentSpanId()).isEmpty();
		assertThat(spans).allSatisfy((span) -> assertThat(span == root
				|| spans.stream().anyMatch((parent) -> parent.spanId().equals(span.parentSpanId())))
			.as("parent of %s was exported", span.name())
			.isTrue());
		ReceivedSpan client = only(spans, "GET");
		assertThat(only(spans, "GET /target").parentSpanId()).isEqualTo(client.spanId());
	}

	@Test
	void disablingSpringsHttpObservationsLeavesOneSpanPerHop() throws Exception {
		List<ReceivedSpan> spans = relay(3, "--management.observations.enable.http.server.requests=false",
				"--management.observations.enable.http.client.requests=false");
		ReceivedSpan server = only(spans, "GET /relay");
		ReceivedSpan client = only(spans, "GET");
		ReceivedSpan target = only(spans, "GET /target");
		assertThat(spans).hasSize(3);
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(client.parentSpanId()).isEqualTo(server.spanId());
		assertThat(target.parentSpanId()).isEqualTo(client.spanId());
	}

	private static List<ReceivedSpan> relay(int expectedSpans, String... args) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			String[] arguments = new String[args.length + 1];
			arguments[0] = "--distrace.otlp.endpoint=" + receiver.endpoint();
			System.arraycopy(args, 0, arguments, 1, args.length);
			try (ConfigurableApplicationContext context = run(arguments)) {
				String port = context.getEnvironment().getProperty("local.server.port");
				String traceparents = RestClient.create()
					.get()
					.uri("http://localhost:" + port + "/relay")
					.retrieve()
					.body(String.class);
				assertThat(traceparents.split(",")).hasSize(1);
				receiver.awaitSpans(expectedSpans);
			}
			return receiver.spans();
		}
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).reduce((a, b) -> {
			throw new AssertionError("more than one span named " + name);
		}).orElseThrow(() -> new AssertionError("no span named " + name + " in " + spans));
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(WebApplication.class);
		// Spring Security's own observations would add spans of their own to each request.
		application.setDefaultProperties(Map.of("management.otlp.metrics.export.enabled", "false", "server.port", "0",
				"distrace.batch.schedule-delay", "50ms", "management.observations.enable.spring.security", "false"));
		return application.run(args);
	}

	// No component scan, so that the other tests' applications stay out.
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(WebApplication.RelayController.class)
	static class WebApplication {

		// Spring Security is on this module's classpath for the viewer's test; this
		// application is about observations, so it lets every request in.
		@Bean
		SecurityFilterChain openSecurityFilterChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

		@RestController
		static class RelayController {

			private final RestClient restClient;

			private final Environment environment;

			RelayController(RestClient.Builder builder, Environment environment) {
				this.restClient = builder.build();
				this.environment = environment;
			}

			@GetMapping("/relay")
			String relay() {
				return this.restClient.get()
					.uri("http://localhost:" + this.environment.getProperty("local.server.port") + "/target")
					.retrieve()
					.body(String.class);
			}

			@GetMapping("/target")
			String target(HttpServletRequest request) {
				return String.join(",", Collections.list(request.getHeaders("traceparent")));
			}

		}

	}

}
