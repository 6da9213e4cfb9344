package io.github.distrace.autoconfigure.baggage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.github.distrace.BaggageService;
import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
import io.github.distrace.autoconfigure.InMemorySpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Baggage through a real Tomcat with one request thread: set in one request, seen by the
 * rest of it (spans, logs, an outgoing call, an {@code @Async} step), and gone for the
 * next request served by the same thread.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1", "distrace.exporter=none",
				"distrace.baggage.span-attributes=tenant", "distrace.baggage.mdc=tenant" })
@ExtendWith(OutputCaptureExtension.class)
class RequestBaggageIntegrationTests {

	private static HttpServer echo;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@BeforeAll
	static void startEchoServer() throws IOException {
		echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		echo.createContext("/", (exchange) -> {
			String baggage = String.valueOf(exchange.getRequestHeaders().getFirst("baggage"));
			byte[] body = baggage.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		echo.start();
		TenantController.echoUrl = "http://127.0.0.1:" + echo.getAddress().getPort() + "/";
	}

	@AfterAll
	static void stopEchoServer() {
		echo.stop(0);
	}

	@Test
	void baggageLastsForTheRequestAndNeverLeaksToTheNext(CapturedOutput output) {
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		Logger logger = (Logger) LoggerFactory.getLogger(RequestBaggageIntegrationTests.class.getPackageName());
		logger.addAppender(events);
		try {
			runRequests(output, events.list);
		}
		finally {
			logger.detachAppender(events);
		}
	}

	private void runRequests(CapturedOutput output, List<ILoggingEvent> events) {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		@SuppressWarnings("unchecked")
		Map<String, String> first = client.get().uri("/tenant/acme").retrieve().body(Map.class);
		assertThat(first).containsEntry("seen", "acme")
			.containsEntry("echoed", "tenant=acme")
			.containsEntry("async", "acme");
		String second = client.get().uri("/baggage").retrieve().body(String.class);
		assertThat(second).isEqualTo("{}");

		SpanData afterSet = InMemorySpans.span(this.context, "after-set");
		assertThat(afterSet.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
		assertThat(InMemorySpans.span(this.context, "handle").getAttributes().asMap()).isEmpty();
		assertThat(InMemorySpans.span(this.context, "read").getAttributes().asMap()).isEmpty();

		String traceId = first.get("traceId");
		String spanId = afterSet.getSpanId();
		// Spring Boot's default console line with its correlation part, and the MDC.
		assertThat(output).containsPattern("\\[" + traceId + "-" + spanId + "\\] .*working for acme");
		assertThat(mdc(events, "working for acme")).containsEntry("traceId", traceId)
			.containsEntry("spanId", spanId)
			.containsEntry("tenant", "acme");
		assertThat(mdc(events, "async step")).containsEntry("traceId", traceId).containsEntry("tenant", "acme");
		assertThat(mdc(events, "second request")).containsKeys("traceId", "spanId")
			.doesNotContainKey("tenant")
			.doesNotContainEntry("traceId", traceId);
	}

	@Test
	void incomingBaggageIsReadableChangeableAndPassedOn() {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/relay")
			.header("baggage", "user=7,plan=gold")
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("user=7 -> plan=platinum,region=eu");
	}

	private static Map<String, String> mdc(List<ILoggingEvent> events, String message) {
		return events.stream()
			.filter((event) -> event.getFormattedMessage().equals(message))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No log event '" + message + "'"))
			.getMDCPropertyMap();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	@Import({ InMemorySpans.class, TenantController.class, AsyncStep.class })
	static class TestApplication {

		// Extracts incoming headers as a server span filter does (from the root context,
		// ahead of distrace's baggage filter); server spans themselves are another
		// feature.
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> extractingFilter(OpenTelemetry openTelemetry) {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							Context extracted = openTelemetry.getPropagators()
								.getTextMapPropagator()
								.extract(Context.root(), request, HeaderGetter.INSTANCE);
							try (Scope scope = extracted.makeCurrent()) {
								chain.doFilter(request, response);
							}
						}

					});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	enum HeaderGetter implements TextMapGetter<HttpServletRequest> {

		INSTANCE;

		@Override
		public Iterable<String> keys(HttpServletRequest request) {
			return Collections.list(request.getHeaderNames());
		}

		@Override
		public @Nullable String get(@Nullable HttpServletRequest request, String key) {
			return (request != null) ? request.getHeader(key) : null;
		}

	}

	@RestController
	static class TenantController {

		private static final Log logger = LogFactory.getLog(TenantController.class);

		static volatile String echoUrl = "";

		private final BaggageService baggage;

		private final Distrace distrace;

		private final OpenTelemetry openTelemetry;

		private final AsyncStep asyncStep;

		TenantController(BaggageService baggage, Distrace distrace, OpenTelemetry openTelemetry, AsyncStep asyncStep) {
			this.baggage = baggage;
			this.distrace = distrace;
			this.openTelemetry = openTelemetry;
			this.asyncStep = asyncStep;
		}

		@GetMapping("/tenant/{tenant}")
		Map<String, String> tenant(@PathVariable String tenant) throws Exception {
			try (TraceSpan span = this.distrace.span("handle")) {
				try (TraceSpan inner = this.distrace.span("set")) {
					this.baggage.setValue("tenant", tenant);
				}
				String echoed;
				try (TraceSpan child = this.distrace.span("after-set")) {
					logger.info("working for " + tenant);
					echoed = callEcho();
				}
				String async = this.asyncStep.tenant().get();
				return Map.of("seen", this.baggage.getValue("tenant").orElse(""), "echoed", echoed, "async", async,
						"traceId", span.traceId());
			}
		}

		@GetMapping("/relay")
		String relay() {
			String user = this.baggage.getValue("user").orElse("none");
			this.baggage.remove("user");
			this.baggage.setMap(Map.of("plan", "platinum", "region", "eu"));
			return "user=" + user + " -> " + callEcho();
		}

		@GetMapping("/baggage")
		Map<String, String> baggage() {
			try (TraceSpan span = this.distrace.span("read")) {
				logger.info("second request");
				return this.baggage.getMap();
			}
		}

		// A plain client: the outgoing-call instrumentation is another feature's.
		private String callEcho() {
			return RestClient.create()
				.get()
				.uri(echoUrl)
				.headers((headers) -> this.openTelemetry.getPropagators()
					.getTextMapPropagator()
					.inject(Context.current(), headers, (carrier, key, value) -> carrier.set(key, value)))
				.retrieve()
				.body(String.class);
		}

	}

	@Service
	static class AsyncStep {

		private static final Log logger = LogFactory.getLog(AsyncStep.class);

		private final BaggageService baggage;

		AsyncStep(BaggageService baggage) {
			this.baggage = baggage;
		}

		@Async
		CompletableFuture<String> tenant() {
			logger.info("async step");
			return CompletableFuture.completedFuture(this.baggage.getValue("tenant").orElse("none"));
		}

	}

}
