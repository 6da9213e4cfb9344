package io.github.distrace.autoconfigure.insight;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.distrace.NPlusOneDetected;
import io.github.distrace.Traced;
import io.github.distrace.autoconfigure.InMemorySpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * N+1 detection and the {@code Server-Timing} header in a real Spring MVC application on
 * a random port, with H2 behind it.
 */
@SpringBootTest(classes = NPlusOneInRequestsTests.OrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.exporter=none", "distrace.web.server-timing=true",
				"spring.datasource.url=jdbc:h2:mem:distrace_requests;DB_CLOSE_DELAY=-1" })
@ExtendWith(OutputCaptureExtension.class)
class NPlusOneInRequestsTests {

	private static final Pattern SERVER_TIMING = Pattern
		.compile("db;dur=\\d+\\.\\d;desc=\"6 queries\", app;dur=\\d+\\.\\d");

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpanExporter exporter;

	@Autowired
	private List<NPlusOneDetected> events;

	@Autowired
	private DatabaseInsightSpanProcessor insight;

	@Autowired
	private OrdersController controller;

	@Autowired
	private ListenerGate gate;

	@BeforeEach
	void reset() {
		// A server span ends after its response: let the previous test's requests finish.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.insight.openSpans() == 0);
		this.exporter.reset();
		this.events.clear();
	}

	@Test
	void listingOrdersWithTheirLinesOneByOneIsAnNPlusOne() throws Exception {
		HttpResponse<String> response = get("/orders");
		assertThat(response.statusCode()).isEqualTo(200);
		SpanData server = serverSpan("GET /orders");
		assertThat(server.getAttributes().get(AttributeKey.longKey("distrace.db.query_count"))).isEqualTo(6L);
		assertThat(server.getAttributes().get(AttributeKey.booleanKey("distrace.db.n_plus_one"))).isTrue();
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.endpoint()).isEqualTo("GET /orders");
			assertThat(event.spanName()).isEqualTo("GET /orders");
			assertThat(event.count()).isEqualTo(5);
			assertThat(event.traceId()).isEqualTo(server.getTraceId());
		});
	}

	@Test
	void serverTimingTellsTheRequestsTimeInTheDatabase() throws Exception {
		HttpResponse<String> response = get("/orders");
		assertThat(response.headers().firstValue("Server-Timing").orElseThrow()).matches(SERVER_TIMING);
		HttpResponse<String> none = get("/hello");
		assertThat(none.headers().firstValue("Server-Timing").orElseThrow())
			.matches("db;dur=0\\.0;desc=\"0 queries\", app;dur=\\d+\\.\\d");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/orders/callable", "/orders/deferred" })
	void serverTimingOfAnAsynchronousRequestCountsTheQueriesOfItsOtherThreads(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.controller.asyncThreads).isNotEmpty().doesNotContain(this.controller.requestThread);
		assertThat(response.headers().firstValue("Server-Timing").orElseThrow()).matches(SERVER_TIMING);
	}

	@Test
	void aListenerThatBlocksHoldsUpNoOtherRequest(CapturedOutput output) throws Exception {
		CompletableFuture<HttpResponse<String>> blocked = this.client.sendAsync(request("/orders/blocked"),
				HttpResponse.BodyHandlers.ofString());
		// The listener holds that request's thread from the end of its server span on.
		assertThat(this.gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
		try {
			HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			assertThat(other.send(request("/orders/unblocked"), HttpResponse.BodyHandlers.ofString()).statusCode())
				.isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.events.stream()
					.anyMatch((event) -> event.endpoint().equals("GET /orders/unblocked")));
			assertThat(output.getOut()).contains("N+1 in GET /orders/unblocked");
			assertThat(blocked).isNotDone();
		}
		finally {
			this.gate.release.countDown();
		}
		assertThat(blocked.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void theFixedListingIsNoNPlusOne() throws Exception {
		assertThat(get("/orders/fixed").statusCode()).isEqualTo(200);
		SpanData server = serverSpan("GET /orders/fixed");
		assertThat(server.getAttributes().get(AttributeKey.longKey("distrace.db.query_count"))).isEqualTo(1L);
		assertThat(server.getAttributes().get(AttributeKey.booleanKey("distrace.db.n_plus_one"))).isNull();
		assertThat(this.events).isEmpty();
	}

	@Test
	void repeatsInAnAsyncChildAreFoundThere() throws Exception {
		assertThat(get("/orders/async").statusCode()).isEqualTo(200);
		SpanData server = serverSpan("GET /orders/async");
		SpanData async = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals("OrderLines.loadAll"))
			.findFirst()
			.orElseThrow();
		assertThat(async.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(async.getEvents()).extracting(EventData::getName).containsExactly("distrace.n_plus_one");
		assertThat(server.getAttributes().get(AttributeKey.longKey("distrace.db.query_count"))).isEqualTo(5L);
		assertThat(server.getAttributes().get(AttributeKey.booleanKey("distrace.db.n_plus_one"))).isTrue();
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.endpoint()).isEqualTo("GET /orders/async");
			assertThat(event.spanName()).isEqualTo("OrderLines.loadAll");
		});
	}

	@Test
	void theLogLineComesOnceAMinuteWhileEveryDetectionIsPublished(CapturedOutput output) throws Exception {
		for (int i = 0; i < 1000; i++) {
			assertThat(get("/orders/again").statusCode()).isEqualTo(200);
		}
		// Published as each server span ends, after its response was sent.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.size() == 1000);
		// Nothing is kept once the requests' spans have ended.
		assertThat(this.insight.openSpans()).isZero();
		assertThat(output.getOut().lines().filter((line) -> line.contains("N+1 in GET /orders/again"))).hasSize(1);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
	}

	private SpanData serverSpan(String name) throws InterruptedException {
		// The server span ends after the response is written.
		for (int i = 0; i < 100; i++) {
			for (SpanData span : this.exporter.getFinishedSpanItems()) {
				if (span.getName().equals(name)) {
					return span;
				}
			}
			Thread.sleep(20);
		}
		throw new AssertionError("No server span " + name + " in " + this.exporter.getFinishedSpanItems());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableAsync
	@Import(InMemorySpans.class)
	static class OrdersApplication {

		@Bean
		List<NPlusOneDetected> detectedEvents() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		ListenerGate listenerGate() {
			return new ListenerGate();
		}

		@Bean
		FirstDispatch firstDispatch() {
			return new FirstDispatch();
		}

		@Bean
		FilterRegistrationBean<FirstDispatch> firstDispatchFilter(FirstDispatch firstDispatch) {
			FilterRegistrationBean<FirstDispatch> registration = new FilterRegistrationBean<>(firstDispatch);
			// Right outside the Server-Timing filter.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			return registration;
		}

		@EventListener
		void detected(NPlusOneDetected event) throws InterruptedException {
			detectedEvents().add(event);
			if (event.endpoint().equals("GET /orders/blocked")) {
				listenerGate().hold();
			}
		}

		@Bean
		OrderLines orderLines(JdbcTemplate jdbc) {
			jdbc.execute("CREATE TABLE IF NOT EXISTS lines (order_id INT, product VARCHAR(20))");
			return new OrderLines(jdbc);
		}

		@Bean
		OrdersController ordersController(JdbcTemplate jdbc, OrderLines lines,
				@Qualifier("applicationTaskExecutor") Executor executor, FirstDispatch firstDispatch) {
			return new OrdersController(jdbc, lines, executor, firstDispatch);
		}

	}

	@RestController
	static class OrdersController {

		private final JdbcTemplate jdbc;

		private final OrderLines lines;

		private final Executor executor;

		private final FirstDispatch firstDispatch;

		final List<String> asyncThreads = new CopyOnWriteArrayList<>();

		volatile String requestThread = "";

		OrdersController(JdbcTemplate jdbc, OrderLines lines, Executor executor, FirstDispatch firstDispatch) {
			this.jdbc = jdbc;
			this.lines = lines;
			this.executor = executor;
			this.firstDispatch = firstDispatch;
		}

		@GetMapping({ "/orders", "/orders/again", "/orders/blocked", "/orders/unblocked" })
		int orders() {
			int found = this.jdbc.queryForList("SELECT * FROM lines WHERE order_id < ?", 0).size();
			for (int id = 1; id <= 5; id++) {
				found += this.jdbc.queryForList("SELECT product FROM lines WHERE order_id = ?", id).size();
			}
			return found;
		}

		@GetMapping("/orders/callable")
		Callable<Integer> callable() {
			CountDownLatch ended = startAsync();
			return () -> ordersAfter(ended);
		}

		@GetMapping("/orders/deferred")
		DeferredResult<Integer> deferred() {
			CountDownLatch ended = startAsync();
			DeferredResult<Integer> result = new DeferredResult<>();
			this.executor.execute(() -> {
				try {
					result.setResult(ordersAfter(ended));
				}
				catch (InterruptedException ex) {
					result.setErrorResult(ex);
				}
			});
			return result;
		}

		private CountDownLatch startAsync() {
			this.requestThread = Thread.currentThread().getName();
			this.asyncThreads.clear();
			return this.firstDispatch.start();
		}

		/**
		 * The queries of an asynchronous request, run only once its first dispatch is
		 * over.
		 */
		private int ordersAfter(CountDownLatch firstDispatchEnded) throws InterruptedException {
			this.asyncThreads.add(Thread.currentThread().getName());
			assertThat(firstDispatchEnded.await(10, TimeUnit.SECONDS)).isTrue();
			return orders();
		}

		@GetMapping("/orders/fixed")
		int fixed() {
			return this.jdbc.queryForList("SELECT product FROM lines WHERE order_id IN (1, 2, 3, 4, 5)").size();
		}

		@GetMapping("/orders/async")
		int async() {
			return this.lines.loadAll().join();
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

	@Service
	static class OrderLines {

		private final JdbcTemplate jdbc;

		OrderLines(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Async
		@Traced
		public CompletableFuture<Integer> loadAll() {
			int found = 0;
			for (int id = 1; id <= 5; id++) {
				found += this.jdbc.queryForList("SELECT product FROM lines WHERE order_id = ?", id).size();
			}
			return CompletableFuture.completedFuture(found);
		}

	}

	/** Holds the thread of a listener until the test releases it. */
	static class ListenerGate {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		void hold() throws InterruptedException {
			this.entered.countDown();
			this.release.await(30, TimeUnit.SECONDS);
		}

	}

	/**
	 * Tells an asynchronous handler when the first dispatch of its request has left the
	 * filters.
	 */
	static class FirstDispatch extends OncePerRequestFilter {

		private volatile CountDownLatch ended = new CountDownLatch(0);

		CountDownLatch start() {
			CountDownLatch latch = new CountDownLatch(1);
			this.ended = latch;
			return latch;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(request, response);
			this.ended.countDown();
		}

	}

}
