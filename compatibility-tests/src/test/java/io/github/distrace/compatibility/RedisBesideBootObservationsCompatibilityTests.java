package io.github.distrace.compatibility;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static io.github.distrace.compatibility.WebBesideBootObservationsCompatibilityTests.client;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis on Lettuce beside Spring Boot's {@code spring-boot-starter-opentelemetry} and the
 * actuator, whose Lettuce observation Micrometer Tracing would turn into a span of its
 * own for each command: with distrace's Redis tracing on, each command has one span,
 * distrace's, in the request's trace; with {@code distrace.redis.enabled=false}, Spring's
 * is back, still one per command. Against the Redis at 127.0.0.1:6379, which CI
 * ({@code CI=true}) requires.
 */
class RedisBesideBootObservationsCompatibilityTests {

	private static final int REDIS_PORT = 6379;

	@BeforeAll
	static void redisIsRunning() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", REDIS_PORT), 1000);
		}
		catch (IOException ex) {
			String missing = "Redis at 127.0.0.1:" + REDIS_PORT + " is not reachable (" + ex.getMessage() + ")";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(missing + "; CI (CI=true) requires it", ex);
			}
			Assumptions.abort(missing + "; start it to run these tests");
		}
	}

	@Test
	void oneSpanPerCommandAndItIsDistraces() throws Exception {
		List<ReceivedSpan> trace = stockRequest();
		assertThat(trace).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("GET /stock/{id}", "SET", "GET");
		ReceivedSpan server = span(trace, "GET /stock/{id}");
		for (String command : List.of("SET", "GET")) {
			ReceivedSpan span = span(trace, command);
			assertThat(span.kind()).isEqualTo("CLIENT");
			assertThat(span.parentSpanId()).isEqualTo(server.spanId());
			assertThat(span.attribute("db.system.name")).isEqualTo("redis");
		}
		assertThat(span(trace, "SET").attribute("db.query.text")).isEqualTo("SET compatibility:stock:1 ?");
		// The request's database totals count the two commands.
		assertThat(server.attribute("distrace.db.query_count")).isEqualTo("2");
	}

	@Test
	void springsCommandSpansAreBackWhenDistracesAreOff() throws Exception {
		List<ReceivedSpan> spans = new ArrayList<>();
		stockRequest(spans, "--distrace.redis.enabled=false");
		// Lettuce's observation takes its parent from the current Micrometer observation,
		// which distrace's server span is not, so Spring's command spans start traces of
		// their own (docs/redis.md says so); one each, and none of distrace's.
		assertThat(spans).filteredOn((span) -> span.name().equals("set") || span.name().equals("get"))
			.hasSize(2)
			.allSatisfy((command) -> {
				assertThat(command.kind()).isEqualTo("CLIENT");
				assertThat(command.attribute("db.system")).isEqualTo("redis");
			});
		assertThat(spans).noneMatch((span) -> "redis".equals(span.attribute("db.system.name")));
	}

	/**
	 * Runs the application, requests {@code /stock/1} (a SET and a GET), and returns the
	 * spans of that request's trace once the application has closed (and so flushed every
	 * span), each checked to be exported once; every span received is added to
	 * {@code allSpans}.
	 */
	private static List<ReceivedSpan> stockRequest(String... args) throws Exception {
		return stockRequest(new ArrayList<>(), args);
	}

	private static List<ReceivedSpan> stockRequest(List<ReceivedSpan> allSpans, String... args) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			List<String> arguments = new ArrayList<>(List.of(args));
			arguments.add("--distrace.otlp.endpoint=" + receiver.endpoint());
			try (ConfigurableApplicationContext context = run(arguments.toArray(String[]::new))) {
				assertThat(client(context).get().uri("/stock/1").retrieve().body(String.class)).isEqualTo("7");
			}
			List<ReceivedSpan> spans = receiver.spans();
			assertThat(spans).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
			allSpans.addAll(spans);
			ReceivedSpan root = spans.stream()
				.filter((span) -> span.name().endsWith(" /stock/{id}"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no server span for /stock/{id} in " + spans));
			return spans.stream().filter((span) -> span.traceId().equals(root.traceId())).toList();
		}
	}

	private static ReceivedSpan span(List<ReceivedSpan> trace, String name) {
		return trace.stream().filter((candidate) -> candidate.name().equals(name)).reduce((a, b) -> {
			throw new AssertionError("more than one span named " + name + " in " + trace);
		}).orElseThrow(() -> new AssertionError("no span named " + name + " in " + trace));
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(StockApplication.class);
		application.setDefaultProperties(Map.of("management.otlp.metrics.export.enabled", "false", "server.port", "0",
				"distrace.batch.schedule-delay", "50ms", "distrace.startup.enabled", "false",
				"management.observations.enable.spring.security", "false", "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", String.valueOf(REDIS_PORT)));
		return application.run(args);
	}

	// No component scan, so that the other tests' applications stay out.
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(StockApplication.StockController.class)
	static class StockApplication {

		// Spring Security is on this module's classpath for the viewer's test; this
		// application is about observations, so it lets every request in.
		@Bean
		SecurityFilterChain openSecurityFilterChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

		@RestController
		static class StockController {

			private final StringRedisTemplate redis;

			StockController(StringRedisTemplate redis) {
				this.redis = redis;
			}

			@GetMapping("/stock/{id}")
			String stock(@PathVariable long id) {
				String key = "compatibility:stock:" + id;
				this.redis.opsForValue().set(key, "7");
				return this.redis.opsForValue().get(key);
			}

		}

	}

}
