package io.github.distrace.autoconfigure.ui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.github.distrace.test.Heap;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's store is bounded in bytes, not only in traces and spans: another service
 * on this machine sends, through a real OTLP exporter and the real receiver, spans that
 * each carry 128 attributes of 4 KB (the most the span limits let through), and the heap
 * the store keeps is measured.
 */
@Tag("memory")
@DirtiesContext // closed after, so that its threads are not running while other memory
				// tests measure
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "distrace.exporter=none", "distrace.ui.enabled=true", "distrace.ui.max-memory=8MB" })
class ViewerMemoryTests {

	private static final DataSize MAX_MEMORY = DataSize.ofMegabytes(8);

	// 200 spans of 128 attributes of 4 KB: 100 MB, twelve times the bound, well within
	// the 1,000 traces the store keeps by count.
	private static final int SPANS = 200;

	private static final int ATTRIBUTES = 128;

	@LocalServerPort
	private int port;

	@Autowired
	private TraceStore store;

	@Test
	void keepsTheHeapOfSpansWithLargeAttributesWithinMaxMemory() {
		this.store.clear();
		long before = Heap.usedAfterCollection();
		String value = "x".repeat(4096);
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + this.port + "/distrace/v1/traces")
			// Short enough that a request stalled on its connection is retried (as the
			// exporter does in production) well within the flush's two minutes: one such
			// stall on a busy CI machine, with no request left in the server, once failed
			// the flush below.
			.setTimeout(Duration.ofSeconds(15))
			.build();
		try (SdkTracerProvider sender = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Tracer tracer = sender.get("bulk");
			for (int i = 0; i < SPANS; i++) {
				SpanBuilder span = tracer.spanBuilder("bulk " + i);
				for (int attribute = 0; attribute < ATTRIBUTES; attribute++) {
					span.setAttribute("payload." + attribute, value);
				}
				span.startSpan().end();
				// A few requests in flight at a time, not hundreds of buffered bodies;
				// and fewer than the five that OpenTelemetry 1.68's HTTP sender runs at
				// once (it rejects more).
				if (i % 4 == 3) {
					assertThat(sender.forceFlush().join(2, TimeUnit.MINUTES).isSuccess()).isTrue();
				}
			}
			assertThat(sender.forceFlush().join(2, TimeUnit.MINUTES).isSuccess()).isTrue();
		}
		long retained = Heap.usedAfterCollection() - before;
		assertThat(retained).as("heap retained after %d spans of %d KB", SPANS, ATTRIBUTES * 4)
			.isLessThan(2 * MAX_MEMORY.toBytes());
		String json = RestClient.create("http://127.0.0.1:" + this.port + "/distrace")
			.get()
			.uri("/api/traces")
			.retrieve()
			.body(String.class);
		List<String> kept = JsonPath.read(json, "$.traces[*].rootName");
		assertThat(kept).hasSizeBetween(1, SPANS / 10).startsWith("bulk " + (SPANS - 1));
	}

}
