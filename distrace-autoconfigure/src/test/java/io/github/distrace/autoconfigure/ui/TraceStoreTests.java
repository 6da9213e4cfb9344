package io.github.distrace.autoconfigure.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.sampling.RecordingSampler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The store's bounds, grouping and filters, fed by a real tracer provider.
 */
class TraceStoreTests {

	private final TraceStore store = new TraceStore(3, 4);

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.setResource(Resource.getDefault().toBuilder().put("service.name", "orders").build())
		.addSpanProcessor(new TraceStoreSpanProcessor(this.store, "/distrace"))
		.build();

	private final Tracer tracer = this.tracerProvider.get("test");

	private final OrderTraces traces = new OrderTraces(this.tracer);

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void marksTracesThatWereRecordedButNotExported() {
		SdkTracerProvider recordOnly = SdkTracerProvider.builder()
			.setSampler(new RecordingSampler(Sampler.alwaysOff()))
			.addSpanProcessor(new TraceStoreSpanProcessor(this.store, "/distrace"))
			.build();
		try {
			Tracer unsampled = recordOnly.get("test");
			Span dropped = unsampled.spanBuilder("GET /ok").startSpan();
			unsampled.spanBuilder("SELECT orders").setParent(Context.root().with(dropped)).startSpan().end();
			dropped.end();
			Span kept = unsampled.spanBuilder("GET /fail").startSpan();
			kept.setAttribute("distrace.sampling.kept", "error");
			kept.end();
			String sampled = this.traces.order(System.currentTimeMillis(), false);
			assertThat(this.store.trace(dropped.getSpanContext().getTraceId()).isExported()).isFalse();
			assertThat(this.store.trace(kept.getSpanContext().getTraceId()).isExported()).isTrue();
			assertThat(this.store.trace(sampled).isExported()).isTrue();
		}
		finally {
			recordOnly.close();
		}
	}

	@Test
	void marksATraceTheTailDecisionKeptAsExported() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none", "distrace.sampler.type=traceidratio",
					"distrace.sampler.ratio=0.0")
			.withBean(TraceStoreSpanProcessor.class, () -> new TraceStoreSpanProcessor(this.store, "/distrace"))
			.run((context) -> {
				Tracer unsampled = context.getBean(Tracer.class);
				Span kept = unsampled.spanBuilder("GET /fail").startSpan();
				unsampled.spanBuilder("SELECT orders").setParent(Context.root().with(kept)).startSpan().end();
				kept.setStatus(StatusCode.ERROR);
				kept.end();
				Span dropped = unsampled.spanBuilder("GET /ok").startSpan();
				dropped.end();
				assertThat(this.store.trace(kept.getSpanContext().getTraceId()).isExported()).isTrue();
				assertThat(this.store.trace(dropped.getSpanContext().getTraceId()).isExported()).isFalse();
			});
	}

	@Test
	void aTraceIsExportedOnlyWhenEachOfItsLocalRootsIs() {
		SdkTracerProvider recordOnly = SdkTracerProvider.builder()
			.setSampler(new RecordingSampler(Sampler.alwaysOff()))
			.addSpanProcessor(new TraceStoreSpanProcessor(this.store, "/distrace"))
			.build();
		try {
			Tracer unsampled = recordOnly.get("test");
			// Two requests of one upstream trace, decided on their own: one kept, one
			// not.
			Context upstream = Context.root()
				.with(Span.wrap(SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
						"b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault())));
			Span kept = unsampled.spanBuilder("GET /fail").setParent(upstream).startSpan();
			kept.setAttribute("distrace.sampling.kept", "error");
			kept.end();
			assertThat(this.store.trace(kept.getSpanContext().getTraceId()).isExported()).isTrue();
			Span dropped = unsampled.spanBuilder("GET /ok").setParent(upstream).startSpan();
			unsampled.spanBuilder("SELECT orders").setParent(Context.root().with(dropped)).startSpan().end();
			dropped.end();
			assertThat(this.store.trace(kept.getSpanContext().getTraceId()).isExported()).isFalse();
		}
		finally {
			recordOnly.close();
		}
	}

	@Test
	void keepsAtMostMaxTracesDroppingTheOldestFirst() {
		long now = System.currentTimeMillis();
		String first = this.traces.order(now, false);
		String second = this.traces.order(now + 1, false);
		String third = this.traces.order(now + 2, false);
		String fourth = this.traces.order(now + 3, false);
		assertThat(this.store.size()).isEqualTo(3);
		assertThat(this.store.trace(first)).isNull();
		assertThat(this.store.traces()).extracting(Trace::traceId).containsExactly(second, third, fourth);
	}

	@Test
	void keepsAtMostMaxSpansPerTraceAndCountsTheRest() {
		Span root = this.tracer.spanBuilder("batch").startSpan();
		for (int i = 0; i < 10; i++) {
			this.tracer.spanBuilder("item " + i).setParent(Context.root().with(root)).startSpan().end();
		}
		root.end();
		Trace trace = this.store.trace(root.getSpanContext().getTraceId());
		assertThat(trace.spans()).hasSize(4);
		assertThat(trace.droppedSpans()).isEqualTo(7);
	}

	@Test
	void keepsAtMostMaxMemoryDroppingTheOldestTracesFirst() {
		long maxBytes = 1024 * 1024;
		TraceStore store = new TraceStore(1000, 500, maxBytes);
		List<String> traceIds = new ArrayList<>();
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(new TraceStoreSpanProcessor(store, "/distrace"))
			.build()) {
			for (int i = 0; i < 40; i++) {
				traceIds.add(largeSpan(provider.get("test"), "job " + i, 16));
			}
		}
		// Each span holds 16 values of 4 KB: 40 of them are 2.6 MB, well past the bound.
		assertThat(store.bytes()).isLessThanOrEqualTo(maxBytes);
		assertThat(store.size()).isBetween(2, 20);
		assertThat(store.traces()).extracting(Trace::traceId)
			.containsExactlyElementsOf(traceIds.subList(40 - store.size(), 40));
	}

	@Test
	void neverEmptiesTheStoreForASpanLargerThanMaxMemory() {
		TraceStore store = new TraceStore(1000, 500, 256 * 1024);
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(new TraceStoreSpanProcessor(store, "/distrace"))
			.build()) {
			Tracer tracer = provider.get("test");
			String small = largeSpan(tracer, "small", 1);
			Span root = tracer.spanBuilder("root").startSpan();
			largeSpan(tracer.spanBuilder("child").setParent(Context.root().with(root)), 1);
			String large = largeSpan(tracer.spanBuilder("large child").setParent(Context.root().with(root)), 128);
			root.end();
			assertThat(store.traces()).extracting(Trace::traceId).containsExactly(small, large);
			assertThat(store.trace(large).spans()).extracting(StoredSpan::name).containsExactly("root", "child");
			assertThat(store.trace(large).droppedSpans()).isOne();
			largeSpan(tracer, "large root", 128);
			assertThat(store.traces()).extracting(Trace::traceId).containsExactly(small, large);
		}
	}

	private static String largeSpan(Tracer tracer, String name, int attributes) {
		return largeSpan(tracer.spanBuilder(name), attributes);
	}

	private static String largeSpan(SpanBuilder builder, int attributes) {
		String value = "x".repeat(4096);
		for (int i = 0; i < attributes; i++) {
			builder.setAttribute("payload." + i, value);
		}
		Span span = builder.startSpan();
		span.end();
		return span.getSpanContext().getTraceId();
	}

	@Test
	void keepsTheRootAndTheSpansChildrenHangFromWhenATraceIsFull() {
		Span root = this.tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
		Span service = this.tracer.spanBuilder("OrderService.list").setParent(Context.root().with(root)).startSpan();
		for (int i = 0; i < 10; i++) {
			this.tracer.spanBuilder("SELECT order_lines " + i)
				.setSpanKind(SpanKind.CLIENT)
				.setParent(Context.root().with(service))
				.startSpan()
				.end();
		}
		service.end();
		root.end();
		Trace trace = this.store.trace(root.getSpanContext().getTraceId());
		assertThat(trace.isComplete()).isTrue();
		assertThat(trace.root().name()).isEqualTo("GET /orders");
		assertThat(trace.spans()).extracting(StoredSpan::name)
			.containsExactly("GET /orders", "OrderService.list", "SELECT order_lines 0", "SELECT order_lines 1");
		assertThat(trace.droppedSpans()).isEqualTo(8);
	}

	@Test
	void groupsSpansOfOneTraceFinishingAtDifferentTimes() {
		Span server = this.tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
		Span child = this.tracer.spanBuilder("OrderService.find").setParent(Context.root().with(server)).startSpan();
		child.end();
		Trace partial = this.store.trace(server.getSpanContext().getTraceId());
		assertThat(partial.isComplete()).isFalse();
		assertThat(partial.root().name()).isEqualTo("OrderService.find");
		this.traces.order(System.currentTimeMillis(), false);
		server.end();
		Trace trace = this.store.trace(server.getSpanContext().getTraceId());
		assertThat(trace.isComplete()).isTrue();
		assertThat(trace.root().name()).isEqualTo("GET /orders/{id}");
		assertThat(trace.spans()).extracting(StoredSpan::name).containsExactly("GET /orders/{id}", "OrderService.find");
		assertThat(this.store.size()).isEqualTo(2);
	}

	@Test
	void keepsEverySpanAddedFromManyThreads() throws Exception {
		TraceStore store = new TraceStore(1000, 1000);
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(new TraceStoreSpanProcessor(store, "/distrace"))
			.build()) {
			Tracer tracer = provider.get("test");
			List<Span> roots = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				roots.add(tracer.spanBuilder("root " + i).startSpan());
			}
			ExecutorService executor = Executors.newFixedThreadPool(8);
			List<Future<?>> tasks = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				tasks.add(executor.submit(() -> {
					for (int i = 0; i < 500; i++) {
						tracer.spanBuilder("child").setParent(Context.root().with(roots.get(i % 20))).startSpan().end();
					}
				}));
			}
			for (Future<?> task : tasks) {
				task.get(30, TimeUnit.SECONDS);
			}
			executor.shutdown();
			roots.forEach(Span::end);
			assertThat(store.traces()).hasSize(20)
				.allSatisfy((trace) -> assertThat(trace.spans()).hasSize(201))
				.allSatisfy((trace) -> assertThat(trace.isComplete()).isTrue());
		}
	}

	@Test
	void leavesOutTheViewersOwnRequests() {
		for (String path : List.of("/distrace", "/distrace/api/traces")) {
			this.tracer.spanBuilder("GET " + path)
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("url.path", path)
				.startSpan()
				.end();
		}
		this.tracer.spanBuilder("GET /distrace-shop")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute("url.path", "/distrace-shop")
			.startSpan()
			.end();
		assertThat(this.store.traces()).extracting((trace) -> trace.root().name())
			.containsExactly("GET /distrace-shop");
	}

	@Test
	void redactsCredentialHeaders() {
		String traceId = this.traces.order(System.currentTimeMillis(), false);
		StoredSpan server = this.store.trace(traceId).root();
		assertThat(server.attributes().asMap())
			.allSatisfy((key, value) -> assertThat(String.valueOf(value)).doesNotContain("secret"));
		assertThat(server.attributes().asMap().keySet()).extracting((key) -> key.getKey())
			.contains("http.request.header.authorization", "http.request.header.cookie",
					"http.response.header.set-cookie", "http.route");
		assertThat(SensitiveAttributes.isSensitive("http.request.header.Proxy-Authorization")).isTrue();
		assertThat(SensitiveAttributes.isSensitive("http.request.header.x-request-id")).isFalse();
		assertThat(SensitiveAttributes.isSensitive("cookie")).isFalse();
	}

	@Test
	void filtersTraces() {
		long now = System.currentTimeMillis();
		String ok = this.traces.order(now, false);
		String failed = this.traces.order(now + 100, true);
		String hostile = this.traces.hostile(now + 200);
		assertThat(query(Map.of())).containsExactly(hostile, failed, ok);
		assertThat(query(Map.of("errors", "true"))).containsExactly(failed);
		assertThat(query(Map.of("service", "orders"))).containsExactly(hostile, failed, ok);
		assertThat(query(Map.of("service", "order"))).isEmpty();
		assertThat(query(Map.of("name", "SELECT ORD"))).containsExactly(failed, ok);
		assertThat(query(Map.of("minDuration", "40ms"))).containsExactly(failed, ok);
		assertThat(query(Map.of("minDuration", "41ms"))).isEmpty();
		assertThat(query(Map.of("maxDuration", "3ms"))).containsExactly(hostile);
		assertThat(query(Map.of("attribute", "order.id=42"))).containsExactly(failed, ok);
		assertThat(query(Map.of("attribute", "db.system.name"))).containsExactly(failed, ok);
		assertThat(query(Map.of("attribute", "service.name=orders"))).hasSize(3);
		assertThat(query(Map.of("sql", "where id"))).containsExactly(failed, ok);
		assertThat(query(Map.of("sql", "where id", "errors", "true", "minDuration", "1ms"))).containsExactly(failed);
		assertThat(query(Map.of("limit", "2"))).containsExactly(hostile, failed);
	}

	@Test
	void rejectsInvalidFilterValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("maxDuration", "-1s")))
			.withMessageContaining("maxDuration");
		assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("limit", "all")))
			.withMessageContaining("limit");
		assertThatIllegalArgumentException().isThrownBy(() -> query(Map.of("attribute", "=x")))
			.withMessageContaining("key=value");
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceStore(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceStore(1, 1, 0));
	}

	private List<String> query(Map<String, String> parameters) {
		Map<String, String[]> values = new java.util.HashMap<>();
		parameters.forEach((key, value) -> values.put(key, new String[] { value }));
		return TraceQuery.parse(values, 1000).apply(this.store.traces()).stream().map(Trace::traceId).toList();
	}

}
