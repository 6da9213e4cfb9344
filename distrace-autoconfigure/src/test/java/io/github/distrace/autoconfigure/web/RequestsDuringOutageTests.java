package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.distrace.autoconfigure.sdk.SpanExportStatistics;
import io.github.distrace.test.BlackHoleCollector;
import io.github.distrace.test.Heap;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real server whose collector accepts connections and never answers: the exporter is
 * stuck for its whole timeout, and requests are served all the same. Spans that do not
 * fit in the export queue are dropped and counted, so memory stays bounded.
 */
@Tag("memory")
@DirtiesContext // closed after, so that its stuck exporter is not running while other
				// memory tests measure
@SpringBootTest(classes = ServerTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "distrace.otlp.timeout=60s", "distrace.batch.export-timeout=60s",
				"distrace.batch.schedule-delay=50ms", "distrace.shutdown-timeout=1s" })
class RequestsDuringOutageTests {

	private static final BlackHoleCollector collector = blackHole();

	// Far below the 60 s an export waits: a request thread that waited on export would
	// miss it, and a machine busy with other work still meets it.
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void exportToTheBlackHole(DynamicPropertyRegistry registry) {
		registry.add("distrace.otlp.endpoint", collector::endpoint);
	}

	@AfterAll
	static void closeCollector() throws IOException {
		collector.close();
	}

	@Test
	void requestsAreServedWhileTheExporterIsStuck(@Autowired Tracer tracer) throws Exception {
		tracer.spanBuilder("stuck").startSpan().end();
		await().until(() -> collector.connectionCount() > 0);
		for (int i = 0; i < 50; i++) {
			assertThat(get("/orders/" + i).body()).isEqualTo("order " + i);
		}
	}

	@Test
	void burstOf200000SpansIsDroppedAndCountedWhileRequestsAreServed(@Autowired Tracer tracer,
			@Autowired SpanExportStatistics statistics) throws Exception {
		long droppedBefore = statistics.droppedSpans();
		long heapBefore = Heap.usedAfterCollection();
		CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 200_000; i++) {
				Span span = tracer.spanBuilder("burst").startSpan();
				for (int a = 0; a < 10; a++) {
					span.setAttribute("burst." + a, "a value of some length, distinct for each span: " + i + "/" + a);
				}
				span.end();
			}
		});
		int served = 0;
		while (!burst.isDone()) {
			assertThat(get("/orders/during-burst").statusCode()).isEqualTo(200);
			served++;
		}
		burst.get();
		assertThat(served).isPositive();
		// The queue (2,048) and one batch being exported (512) are all that is kept.
		assertThat(statistics.droppedSpans() - droppedBefore).isGreaterThanOrEqualTo(200_000 - 2_048 - 512);
		// 200,000 spans with ten attributes each would take well over 200 MB if kept;
		// what is left after a garbage collection is far less. The margin absorbs
		// whatever the server and the JIT allocate meanwhile.
		assertThat(Heap.usedAfterCollection() - heapBefore).isLessThan(64L * 1024 * 1024);
		assertThat(get("/orders/after-burst").body()).isEqualTo("order after-burst");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(REQUEST_TIMEOUT)
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static BlackHoleCollector blackHole() {
		try {
			return new BlackHoleCollector();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
