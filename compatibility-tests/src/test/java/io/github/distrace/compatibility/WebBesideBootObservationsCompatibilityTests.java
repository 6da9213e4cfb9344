package io.github.distrace.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.distrace.BaggageService;
import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.micrometer.observation.annotation.Observed;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * distrace beside Spring Boot's {@code spring-boot-starter-opentelemetry} and the
 * actuator, whose observation-based instrumentation Micrometer Tracing turns into spans
 * through distrace's SDK. One real application on a random port, with a query, an
 * {@code @Observed} method and a call to itself, exporting to a real OTLP receiver: each
 * hop gets one server and one client span (distrace's), Spring's HTTP observations keep
 * their metrics, other observations keep their spans in the right place, and the web
 * switches and {@code distrace.enabled=false} give Spring's own spans back.
 */
class WebBesideBootObservationsCompatibilityTests {

	// Replaced by the receiver's endpoint in the arguments of order(...). Spring Boot's
	// OTLP exporter is only pointed at the receiver when distrace is off: beside distrace
	// it would become one more exporter in distrace's pipeline and send every span twice.
	private static final String RECEIVER = "{receiver}";

	@Test
	void oneSpanPerHopAndPerStatementWhileSpringsHttpMetricsAreKept() throws Exception {
		List<ReceivedSpan> spans = order((context) -> {
			assertThat(count(context, "http.server.requests", "uri:/orders/{id}")).isEqualTo(1);
			assertThat(count(context, "http.server.requests", "uri:/stock/{id}")).isEqualTo(1);
			assertThat(count(context, "http.client.requests", null)).isEqualTo(1);
		});
		// The metrics requests are excluded from distrace's server spans, and get none
		// from Spring either.
		assertThat(spans).extracting(ReceivedSpan::name).noneMatch((name) -> name.contains("actuator"));
		List<ReceivedSpan> trace = trace(spans);
		assertThat(trace).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("GET /orders/{id}", "find-order", "SELECT orders", "GET", "GET /stock/{id}",
					"SELECT stock");
		ReceivedSpan server = span(trace, "GET /orders/{id}", "SERVER");
		ReceivedSpan client = span(trace, "GET", "CLIENT");
		ReceivedSpan callee = span(trace, "GET /stock/{id}", "SERVER");
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(client.parentSpanId()).isEqualTo(server.spanId());
		assertThat(callee.parentSpanId()).isEqualTo(client.spanId());
		assertThat(span(trace, "SELECT stock", "CLIENT").parentSpanId()).isEqualTo(callee.spanId());
	}

	@Test
	void databaseMetricsAreAtTheActuatorsMetricsEndpoint() throws Exception {
		order((context) -> {
			assertThat(count(context, "db.client.operation.duration", "db.query.summary:SELECT orders")).isEqualTo(1);
			assertThat(count(context, "db.client.operation.duration", "db.query.summary:SELECT stock")).isEqualTo(1);
			// The schema's statements at start-up, outside any request, are timed too.
			assertThat(count(context, "db.client.operation.duration", "db.operation.name:CREATE")).isEqualTo(2);
			assertThat(count(context, "distrace.db.queries", "endpoint:GET /orders/{id}")).isEqualTo(1);
			assertThat(count(context, "distrace.db.queries", "endpoint:GET /stock/{id}")).isEqualTo(1);
		});
	}

	@Test
	void observedMethodSpanNestsUnderTheServerSpanAndAboveItsQuery() throws Exception {
		List<ReceivedSpan> trace = trace(
				order((context) -> assertThat(count(context, "order.find", null)).isEqualTo(1)));
		ReceivedSpan server = span(trace, "GET /orders/{id}", "SERVER");
		ReceivedSpan observed = span(trace, "find-order", "INTERNAL");
		assertThat(observed.parentSpanId()).isEqualTo(server.spanId());
		assertThat(span(trace, "SELECT orders", "CLIENT").parentSpanId()).isEqualTo(observed.spanId());
	}

	@Test
	void springsServerSpansAreBackWhenDistracesAreOff() throws Exception {
		List<ReceivedSpan> trace = trace(order((context) -> {
		}, "--distrace.web.enabled=false"));
		assertThat(trace).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("http get /orders/{id}", "find-order", "SELECT orders", "GET",
					"http get /stock/{id}", "SELECT stock");
		ReceivedSpan server = span(trace, "http get /orders/{id}", "SERVER");
		ReceivedSpan client = span(trace, "GET", "CLIENT");
		ReceivedSpan callee = span(trace, "http get /stock/{id}", "SERVER");
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(span(trace, "find-order", "INTERNAL").parentSpanId()).isEqualTo(server.spanId());
		assertThat(client.parentSpanId()).isEqualTo(server.spanId());
		assertThat(callee.parentSpanId()).isEqualTo(client.spanId());
		assertThat(span(trace, "SELECT stock", "CLIENT").parentSpanId()).isEqualTo(callee.spanId());
	}

	@Test
	void springsClientSpansAreBackWhenDistracesAreOff() throws Exception {
		List<ReceivedSpan> trace = trace(order((context) -> {
		}, "--distrace.web.client.enabled=false"));
		assertThat(trace).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("GET /orders/{id}", "find-order", "SELECT orders", "http get", "GET /stock/{id}",
					"SELECT stock");
		ReceivedSpan client = span(trace, "http get", "CLIENT");
		assertThat(client.parentSpanId()).isEqualTo(span(trace, "GET /orders/{id}", "SERVER").spanId());
		assertThat(span(trace, "GET /stock/{id}", "SERVER").parentSpanId()).isEqualTo(client.spanId());
	}

	@Test
	void disabledDistraceLeavesTracingToBootsStarter() throws Exception {
		List<ReceivedSpan> trace = trace(order((context) -> {
			assertThat(context.getBeanNamesForType(OpenTelemetry.class)).containsExactly("openTelemetrySdk");
			assertThat(context.getBeanNamesForType(Tracer.class)).containsExactly("otelTracer");
			BaggageService baggage = context.getBean(BaggageService.class);
			baggage.setValue("tenant", "acme");
			assertThat(baggage.getValue("tenant")).isEmpty();
			try (TraceSpan span = context.getBean(Distrace.class).span("from-distrace")) {
				assertThat(span.spanId()).isEmpty();
			}
		}, "--distrace.enabled=false", "--management.tracing.sampling.probability=1.0",
				"--management.opentelemetry.tracing.export.otlp.endpoint=" + RECEIVER + "/v1/traces"));
		assertThat(trace).extracting(ReceivedSpan::name)
			.containsExactlyInAnyOrder("http get /orders/{id}", "find-order", "http get", "http get /stock/{id}");
		ReceivedSpan server = span(trace, "http get /orders/{id}", "SERVER");
		ReceivedSpan client = span(trace, "http get", "CLIENT");
		assertThat(server.parentSpanId()).isEmpty();
		assertThat(span(trace, "find-order", "INTERNAL").parentSpanId()).isEqualTo(server.spanId());
		assertThat(client.parentSpanId()).isEqualTo(server.spanId());
		assertThat(span(trace, "http get /stock/{id}", "SERVER").parentSpanId()).isEqualTo(client.spanId());
	}

	/**
	 * Runs the application, requests {@code /orders/1}, lets the check look at the
	 * running application, and returns every span received once the application has
	 * closed (and so flushed every span). Every span is checked to be exported once.
	 */
	private static List<ReceivedSpan> order(ApplicationCheck check, String... args) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			List<String> arguments = new ArrayList<>();
			arguments.add("--distrace.otlp.endpoint=" + receiver.endpoint());
			for (String arg : args) {
				arguments.add(arg.replace(RECEIVER, receiver.endpoint()));
			}
			try (ConfigurableApplicationContext context = run(arguments.toArray(String[]::new))) {
				assertThat(client(context).get().uri("/orders/1").retrieve().body(String.class)).isEqualTo("widget: 7");
				await().untilAsserted(() -> check.check(context));
			}
			List<ReceivedSpan> spans = receiver.spans();
			assertThat(spans).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
			return spans;
		}
	}

	/**
	 * The spans of the request's trace, leaving out those of other traces (the schema's
	 * statements at start-up, say).
	 */
	private static List<ReceivedSpan> trace(List<ReceivedSpan> spans) {
		ReceivedSpan root = spans.stream()
			.filter((span) -> span.name().endsWith(" /orders/{id}"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no server span for /orders/{id} in " + spans));
		return spans.stream().filter((span) -> span.traceId().equals(root.traceId())).toList();
	}

	private static ReceivedSpan span(List<ReceivedSpan> trace, String name, String kind) {
		ReceivedSpan span = trace.stream().filter((candidate) -> candidate.name().equals(name)).reduce((a, b) -> {
			throw new AssertionError("more than one span named " + name + " in " + trace);
		}).orElseThrow(() -> new AssertionError("no span named " + name + " in " + trace));
		assertThat(span.kind()).as("kind of %s", name).isEqualTo(kind);
		return span;
	}

	static int count(ConfigurableApplicationContext context, String metric, String tag) {
		String json = client(context).get()
			.uri((tag != null) ? "/actuator/metrics/{metric}?tag={tag}" : "/actuator/metrics/{metric}", metric, tag)
			.retrieve()
			.body(String.class);
		List<Double> counts = JsonPath.read(json, "$.measurements[?(@.statistic == 'COUNT')].value");
		return counts.get(0).intValue();
	}

	static RestClient client(ConfigurableApplicationContext context) {
		return RestClient.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(OrdersApplication.class);
		// Spring Security's own observations would add spans of their own to each
		// request.
		application.setDefaultProperties(Map.of("management.otlp.metrics.export.enabled", "false", "server.port", "0",
				"distrace.batch.schedule-delay", "50ms", "management.observations.enable.spring.security", "false",
				"management.observations.annotations.enabled", "true", "management.endpoints.web.exposure.include",
				"metrics"));
		return application.run(args);
	}

	@FunctionalInterface
	interface ApplicationCheck {

		void check(ConfigurableApplicationContext context);

	}

	// No component scan, so that the other tests' applications stay out.
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ OrdersApplication.OrdersController.class, OrdersApplication.OrderFinder.class })
	static class OrdersApplication {

		// Spring Security is on this module's classpath for the viewer's test; this
		// application is about observations, so it lets every request in.
		@Bean
		SecurityFilterChain openSecurityFilterChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

		@Bean
		ApplicationRunner schema(JdbcClient jdbc) {
			return (arguments) -> {
				jdbc.sql("CREATE TABLE orders (id BIGINT PRIMARY KEY, name VARCHAR(20))").update();
				jdbc.sql("CREATE TABLE stock (id BIGINT PRIMARY KEY, quantity INT)").update();
				jdbc.sql("INSERT INTO orders VALUES (1, 'widget')").update();
				jdbc.sql("INSERT INTO stock VALUES (1, 7)").update();
			};
		}

		@RestController
		static class OrdersController {

			private final OrderFinder finder;

			private final JdbcClient jdbc;

			private final RestClient restClient;

			private final Environment environment;

			// Distrace and BaggageService are injected as applications do; they must be
			// there even when distrace is disabled.
			private final BaggageService baggage;

			OrdersController(OrderFinder finder, JdbcClient jdbc, RestClient.Builder builder, Environment environment,
					Distrace distrace, BaggageService baggage) {
				this.finder = finder;
				this.jdbc = jdbc;
				this.restClient = builder.build();
				this.environment = environment;
				this.baggage = baggage;
			}

			@GetMapping("/orders/{id}")
			String order(@PathVariable long id) {
				this.baggage.setValue("tenant", "acme");
				String name = this.finder.find(id);
				Integer quantity = this.restClient.get()
					.uri("http://localhost:{port}/stock/{id}", this.environment.getProperty("local.server.port"), id)
					.retrieve()
					.body(Integer.class);
				return name + ": " + quantity;
			}

			@GetMapping("/stock/{id}")
			int stock(@PathVariable long id) {
				return this.jdbc.sql("SELECT quantity FROM stock WHERE id = ?").param(id).query(Integer.class).single();
			}

		}

		static class OrderFinder {

			private final JdbcClient jdbc;

			OrderFinder(JdbcClient jdbc) {
				this.jdbc = jdbc;
			}

			@Observed(name = "order.find", contextualName = "find-order")
			public String find(long id) {
				return this.jdbc.sql("SELECT name FROM orders WHERE id = ?").param(id).query(String.class).single();
			}

		}

	}

}
