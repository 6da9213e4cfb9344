package io.github.distrace.compatibility;

import java.util.List;
import java.util.Map;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static io.github.distrace.compatibility.WebBesideBootObservationsCompatibilityTests.client;
import static io.github.distrace.compatibility.WebBesideBootObservationsCompatibilityTests.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux application on Netty beside Spring Boot's
 * {@code spring-boot-starter-opentelemetry} and the actuator: each request gets one
 * server span, distrace's, while Spring's reactive HTTP observation keeps its metric;
 * with {@code distrace.web.enabled=false} Spring's own server span is back.
 */
class WebFluxBesideBootObservationsCompatibilityTests {

	@Test
	void oneServerSpanPerRequestWhileSpringsMetricIsKept() throws Exception {
		List<ReceivedSpan> spans = order(
				(context) -> assertThat(count(context, "http.server.requests", "uri:/orders/{id}")).isEqualTo(1));
		ReceivedSpan server = serverSpan(spans);
		assertThat(server.name()).isEqualTo("GET /orders/{id}");
		assertThat(spans).filteredOn((span) -> span.traceId().equals(server.traceId()))
			.extracting(ReceivedSpan::kind)
			.containsExactly("SERVER");
		assertThat(server.parentSpanId()).isEmpty();
	}

	@Test
	void springsServerSpanIsBackWhenDistracesIsOff() throws Exception {
		List<ReceivedSpan> spans = order((context) -> {
		}, "--distrace.web.enabled=false");
		ReceivedSpan server = serverSpan(spans);
		assertThat(server.name()).isEqualTo("http get /orders/{id}");
		assertThat(spans).filteredOn((span) -> span.traceId().equals(server.traceId()))
			.extracting(ReceivedSpan::kind)
			.containsExactly("SERVER");
	}

	private static ReceivedSpan serverSpan(List<ReceivedSpan> spans) {
		List<ReceivedSpan> servers = spans.stream()
			.filter((span) -> span.kind().equals("SERVER") && span.name().endsWith("/orders/{id}"))
			.toList();
		assertThat(servers).hasSize(1);
		return servers.get(0);
	}

	private static List<ReceivedSpan> order(WebBesideBootObservationsCompatibilityTests.ApplicationCheck check,
			String... args) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			String[] arguments = new String[args.length + 1];
			arguments[0] = "--distrace.otlp.endpoint=" + receiver.endpoint();
			System.arraycopy(args, 0, arguments, 1, args.length);
			try (ConfigurableApplicationContext context = run(arguments)) {
				assertThat(client(context).get().uri("/orders/1").retrieve().body(String.class)).isEqualTo("order 1");
				await().untilAsserted(() -> check.check(context));
			}
			List<ReceivedSpan> spans = receiver.spans();
			assertThat(spans).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
			return spans;
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(ReactiveOrdersApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.setDefaultProperties(Map.of("management.otlp.metrics.export.enabled", "false", "server.port", "0",
				"distrace.batch.schedule-delay", "50ms", "management.observations.enable.spring.security", "false",
				"management.endpoints.web.exposure.include", "metrics"));
		return application.run(args);
	}

	// No component scan, so that the other tests' applications stay out.
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ReactiveOrdersApplication.OrdersController.class)
	static class ReactiveOrdersApplication {

		// Spring Security is on this module's classpath for the viewer's test.
		@Bean
		SecurityWebFilterChain openSecurityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

		@RestController
		static class OrdersController {

			@GetMapping("/orders/{id}")
			Mono<String> order(@PathVariable long id) {
				return Mono.just(id).publishOn(Schedulers.boundedElastic()).map((value) -> "order " + value);
			}

		}

	}

}
