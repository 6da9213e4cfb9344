package io.github.distrace.autoconfigure.sdk.sampling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tail decision in a real application at head ratio 0, exporting to a real OTLP
 * receiver: only error, slow and N+1 requests arrive, each whole, with exact parent
 * links, and work that ends after its request follows the request's decision.
 */
@SpringBootTest(classes = TailSamplingIntegrationTests.ShopApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.sampler.type=parentbased_traceidratio", "distrace.sampler.ratio=0.0",
				"distrace.sampler.keep.slower-than=2s", "distrace.batch.schedule-delay=50ms",
				"spring.datasource.url=jdbc:h2:mem:distrace_tail;DB_CLOSE_DELAY=-1" })
class TailSamplingIntegrationTests {

	private static final OtlpReceiver receiver = start();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@Autowired
	private TailSamplingStatistics statistics;

	private final Set<String> before = new HashSet<>();

	@DynamicPropertySource
	static void exportToReceiver(DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", receiver::endpoint);
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		receiver.close();
	}

	@BeforeEach
	void rememberWhatArrivedBefore() throws Exception {
		// The first request initializes Spring MVC, slowly enough to be kept on a busy
		// machine.
		get("/ok", null);
		flush();
		receiver.spans().forEach((span) -> this.before.add(span.traceId()));
	}

	@Test
	void onlyErrorSlowAndNPlusOneTracesArriveEachWhole() throws Exception {
		String ok = traceId(get("/ok", null));
		String failed = traceId(get("/fail", null));
		String slow = traceId(get("/slow", null));
		String nPlusOne = traceId(get("/n-plus-one", null));
		Map<String, List<ReceivedSpan>> traces = receivedTraces();
		assertThat(traces).containsOnlyKeys(failed, slow, nPlusOne).doesNotContainKey(ok);
		assertWhole(traces.get(failed), "GET /fail", 2, "error");
		assertWhole(traces.get(slow), "GET /slow", 1, "slow");
		assertWhole(traces.get(nPlusOne), "GET /n-plus-one", 7, "n_plus_one");
		assertThat(this.statistics.keptTraces(KeepReason.ERROR)).isPositive();
	}

	@Test
	void anUpstreamSampledZeroTraceIsKeptForAnErrorHere() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		get("/ok", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
		HttpResponse<String> response = get("/fail", "00-" + traceId + "-00f067aa0ba902b7-00");
		assertThat(response.headers().firstValue("traceresponse"))
			.hasValueSatisfying((header) -> assertThat(header).startsWith("00-" + traceId).endsWith("-00"));
		Map<String, List<ReceivedSpan>> traces = receivedTraces();
		assertThat(traces).containsOnlyKeys(traceId);
		ReceivedSpan server = assertWhole(traces.get(traceId), "GET /fail", 2, "error");
		assertThat(server.parentSpanId()).isEqualTo("00f067aa0ba902b7");
	}

	@Test
	void asynchronousWorkEndingLateFollowsTheDecision(@Autowired ShopController shop) throws Exception {
		String kept = traceId(get("/late?fail=true", null));
		String dropped = traceId(get("/late?fail=false", null));
		// The kept request's span has arrived, so it has ended: now the work may go on,
		// and end.
		flush();
		receiver.awaitSpan((span) -> span.traceId().equals(kept) && span.name().equals("GET /late"));
		shop.lateWorkMayGoOn.release(2);
		assertThat(shop.lateWorkEnded.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
		Map<String, List<ReceivedSpan>> traces = receivedTraces();
		assertThat(traces).containsOnlyKeys(kept).doesNotContainKey(dropped);
		List<ReceivedSpan> spans = traces.get(kept);
		ReceivedSpan server = spans.stream()
			.filter((span) -> span.name().equals("GET /late"))
			.findFirst()
			.orElseThrow();
		ReceivedSpan late = spans.stream().filter((span) -> span.name().equals("late work")).findFirst().orElseThrow();
		assertThat(late.parentSpanId()).isEqualTo(server.spanId());
		assertThat(spans).anySatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(late.spanId()));
	}

	@Test
	void eightThreadsKeepExactlyTheFailedTraces() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(8);
		Set<String> failed = ConcurrentHashMap.newKeySet();
		Set<String> ok = ConcurrentHashMap.newKeySet();
		List<Future<?>> work = new ArrayList<>();
		for (int thread = 0; thread < 8; thread++) {
			int seed = thread;
			work.add(threads.submit(() -> {
				for (int i = 0; i < 40; i++) {
					boolean fail = (i + seed) % 3 == 0;
					HttpResponse<String> response = get(fail ? "/fail" : "/ok", null);
					(fail ? failed : ok).add(traceId(response));
				}
				return null;
			}));
		}
		for (Future<?> future : work) {
			future.get(60, TimeUnit.SECONDS);
		}
		threads.shutdown();
		Map<String, List<ReceivedSpan>> traces = receivedTraces();
		assertThat(traces.keySet()).isEqualTo(failed);
		assertThat(failed).hasSize(8 * 40 / 3 + 1).doesNotContainAnyElementsOf(ok);
		traces.values().forEach((spans) -> assertWhole(spans, "GET /fail", 2, "error"));
	}

	private static ReceivedSpan assertWhole(List<ReceivedSpan> spans, String rootName, int count, String reason) {
		assertThat(spans).hasSize(count);
		ReceivedSpan root = spans.stream().filter((span) -> span.name().equals(rootName)).findFirst().orElseThrow();
		assertThat(root.attribute("distrace.sampling.kept")).isEqualTo(reason);
		Set<String> ids = spans.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
		assertThat(spans).filteredOn((span) -> span != root)
			.allSatisfy((span) -> assertThat(ids).contains(span.parentSpanId()));
		assertThat(spans).filteredOn((span) -> span != root && !span.name().equals("late work"))
			.allSatisfy((span) -> assertThat(span.parentSpanId()).isEqualTo(root.spanId()));
		return root;
	}

	private Map<String, List<ReceivedSpan>> receivedTraces() {
		flush();
		return receiver.spans()
			.stream()
			.filter((span) -> !this.before.contains(span.traceId()))
			.collect(Collectors.groupingBy(ReceivedSpan::traceId));
	}

	private void flush() {
		assertThat(this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
	}

	private HttpResponse<String> get(String path, String traceparent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String traceId(HttpResponse<String> response) {
		return response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
	}

	private static OtlpReceiver start() {
		try {
			return OtlpReceiver.http();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ShopApplication {

		@Bean
		ShopController shopController(JdbcTemplate jdbc, Tracer tracer) {
			jdbc.execute("CREATE TABLE IF NOT EXISTS items (id INT, name VARCHAR(20))");
			return new ShopController(jdbc, tracer);
		}

	}

	@RestController
	static class ShopController {

		private final ExecutorService background = Executors.newSingleThreadExecutor();

		final Semaphore lateWorkMayGoOn = new Semaphore(0);

		final Semaphore lateWorkEnded = new Semaphore(0);

		private final JdbcTemplate jdbc;

		private final Tracer tracer;

		ShopController(JdbcTemplate jdbc, Tracer tracer) {
			this.jdbc = jdbc;
			this.tracer = tracer;
		}

		@GetMapping("/ok")
		int ok() {
			return this.jdbc.queryForList("SELECT name FROM items WHERE id = ?", 1).size();
		}

		@GetMapping("/fail")
		ResponseEntity<Integer> fail() {
			return ResponseEntity.status(500).body(ok());
		}

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			Thread.sleep(2_200);
			return "slow";
		}

		@GetMapping("/n-plus-one")
		int nPlusOne() {
			int found = 0;
			for (int id = 1; id <= 5; id++) {
				found += this.jdbc.queryForList("SELECT name FROM items WHERE id = ?", id).size();
			}
			return found + ok();
		}

		@GetMapping("/late")
		ResponseEntity<String> late(boolean fail) {
			Span work = this.tracer.spanBuilder("late work").startSpan();
			Context context = Context.current().with(work);
			this.background.execute(context.wrap(() -> {
				try (Scope scope = work.makeCurrent()) {
					if (this.lateWorkMayGoOn.tryAcquire(10, TimeUnit.SECONDS)) {
						ok();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					work.end();
					this.lateWorkEnded.release();
				}
			}));
			return ResponseEntity.status(fail ? 500 : 200).body("started");
		}

	}

}
