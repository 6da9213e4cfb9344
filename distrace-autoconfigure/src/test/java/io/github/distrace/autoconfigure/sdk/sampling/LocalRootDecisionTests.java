package io.github.distrace.autoconfigure.sdk.sampling;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tail decision is made per local root (each request, message or job), on real SDK
 * spans and real threads, with a clock the test moves: overlapping requests of one
 * upstream trace are decided and counted each on its own, late spans follow their own
 * local root, a decision is recorded before anything can close it, and what is given up
 * is counted to the last span and never held forever.
 */
class LocalRootDecisionTests {

	private static final Duration MAX_DURATION = Duration.ofMinutes(2);

	private static final String UPSTREAM_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final TailSamplingStatistics statistics = new TailSamplingStatistics();

	private final AtomicLong nanoTime = new AtomicLong();

	private SdkTracerProvider tracerProvider;

	private TailSamplingSpanProcessor processor;

	@AfterEach
	void shutDown() {
		if (this.tracerProvider != null) {
			this.tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aSpanEndingWhileItsKeptRootIsExportedIsExportedToo() throws Exception {
		CountDownLatch rootInExport = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		SpanProcessor export = SimpleSpanProcessor.create(this.exporter);
		Tracer tracer = tracer(new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
			}

			@Override
			public boolean isStartRequired() {
				return false;
			}

			@Override
			public void onEnd(ReadableSpan span) {
				if (span.getName().equals("GET /orders")) {
					rootInExport.countDown();
					await(release);
				}
				export.onEnd(span);
			}

			@Override
			public boolean isEndRequired() {
				return true;
			}

		}, 10_000);
		Span root = tracer.spanBuilder("GET /orders").startSpan();
		Span child = startBelow(tracer, root, "late work");
		root.setStatus(StatusCode.ERROR);
		Thread ending = new Thread(root::end);
		ending.start();
		assertThat(rootInExport.await(10, TimeUnit.SECONDS)).isTrue();
		// The root is being exported on the other thread: its decision is made already.
		child.end();
		release.countDown();
		ending.join(10_000);
		assertThat(names(this.exporter.getFinishedSpanItems())).containsExactlyInAnyOrder("GET /orders", "late work");
	}

	@Test
	void aLongLivedUpstreamTraceIsNeverGivenUp() {
		Tracer tracer = tracer(10_000);
		// Requests of one upstream trace, each a minute long, overlapping for ten
		// minutes.
		Span previous = request(tracer, "GET /items/0");
		for (int i = 1; i <= 10; i++) {
			this.nanoTime.addAndGet(Duration.ofSeconds(30).toNanos());
			Span next = request(tracer, "GET /items/" + i);
			this.nanoTime.addAndGet(Duration.ofSeconds(30).toNanos());
			if (i == 8) {
				previous.setStatus(StatusCode.ERROR);
			}
			previous.end();
			previous = next;
		}
		previous.end();
		assertThat(this.statistics.droppedAbandoned()).isZero();
		assertThat(this.statistics.droppedBufferFull()).isZero();
		// The request that failed is kept whole, and only it.
		List<SpanData> exported = this.exporter.getFinishedSpanItems();
		assertThat(names(exported)).containsExactlyInAnyOrder("GET /items/7", "SELECT item");
		assertThat(exported).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(UPSTREAM_TRACE));
	}

	@Test
	void eachRequestOfAFanOutIsDecidedAndCountedOnItsOwnWithItsLateSpans() {
		Tracer tracer = tracer(10_000);
		Span failed = request(tracer, "GET /failed");
		Span failedLate = startBelow(tracer, failed, "failed late work");
		Span ok = request(tracer, "GET /ok");
		Span okLate = startBelow(tracer, ok, "ok late work");
		failed.setStatus(StatusCode.ERROR);
		failed.end();
		ok.end();
		failedLate.end();
		okLate.end();
		List<SpanData> exported = this.exporter.getFinishedSpanItems();
		assertThat(names(exported)).containsExactlyInAnyOrder("GET /failed", "SELECT item", "failed late work");
		assertThat(exported).filteredOn((span) -> span.getName().equals("GET /failed"))
			.singleElement()
			.satisfies(
					(span) -> assertThat(span.getAttributes().get(TailSamplingSpanProcessor.KEPT)).isEqualTo("error"));
		assertThat(this.statistics.keptTraces(KeepReason.ERROR)).isOne();
	}

	@Test
	void everySpanEndingAfterItsLocalRootWasGivenUpIsCounted() {
		Tracer tracer = tracer(10);
		Span oldest = tracer.spanBuilder("oldest").startSpan();
		Span open = startBelow(tracer, oldest, "open");
		children(tracer, oldest, 6);
		Span newest = tracer.spanBuilder("newest").startSpan();
		children(tracer, newest, 5);
		assertThat(this.statistics.droppedBufferFull()).isEqualTo(6);
		open.end();
		startBelow(tracer, open, "started after").end();
		oldest.setStatus(StatusCode.ERROR);
		oldest.end();
		assertThat(this.statistics.droppedBufferFull()).isEqualTo(9);
		assertThat(this.statistics.keptTraces(KeepReason.ERROR)).isZero();
		newest.end();
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void aKeptRequestBesideALeakedOneIsNotHeldForever() {
		Tracer tracer = tracer(10_000);
		Span kept = request(tracer, "GET /failed");
		Span leakedChild = startBelow(tracer, kept, "never ended");
		Span leaked = request(tracer, "GET /leaked");
		kept.setStatus(StatusCode.ERROR);
		kept.end();
		assertThat(names(this.exporter.getFinishedSpanItems())).containsExactlyInAnyOrder("GET /failed", "SELECT item");
		// The next requests' starts find what was left open: the leaked request is given
		// up first, and forgotten a while later, in case it ends after all.
		this.nanoTime.addAndGet(MAX_DURATION.multipliedBy(3).toNanos());
		tracer.spanBuilder("next").startSpan().end();
		assertThat(this.statistics.droppedAbandoned()).isOne();
		this.nanoTime.addAndGet(MAX_DURATION.multipliedBy(3).toNanos());
		Span last = tracer.spanBuilder("last").startSpan();
		assertThat(this.processor.followedSpans()).isOne();
		last.end();
		assertThat(this.processor.followedSpans()).isZero();
		leakedChild.end();
		leaked.end();
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(2);
	}

	/**
	 * Start a request of the upstream trace (a server span whose parent is remote, not
	 * sampled there) and end one query in it.
	 */
	private static Span request(Tracer tracer, String name) {
		SpanContext caller = SpanContext.createFromRemoteParent(UPSTREAM_TRACE, "00f067aa0ba902b7",
				TraceFlags.getDefault(), TraceState.getDefault());
		Span request = tracer.spanBuilder(name).setParent(Context.root().with(Span.wrap(caller))).startSpan();
		startBelow(tracer, request, "SELECT item").end();
		return request;
	}

	private static void children(Tracer tracer, Span parent, int count) {
		for (int i = 0; i < count; i++) {
			startBelow(tracer, parent, "child").end();
		}
	}

	private static Span startBelow(Tracer tracer, Span parent, String name) {
		return tracer.spanBuilder(name).setParent(Context.root().with(parent)).startSpan();
	}

	private Tracer tracer(int maxBufferedSpans) {
		return tracer(SimpleSpanProcessor.create(this.exporter), maxBufferedSpans);
	}

	private Tracer tracer(SpanProcessor export, int maxBufferedSpans) {
		KeepRules rules = new KeepRules(true, null, true, maxBufferedSpans, Long.MAX_VALUE, MAX_DURATION);
		this.processor = new TailSamplingSpanProcessor(export, rules, this.statistics, () -> {
		}, this.nanoTime::get);
		this.tracerProvider = SdkTracerProvider.builder()
			.setSampler(new RecordingSampler(Sampler.alwaysOff()))
			.addSpanProcessor(this.processor)
			.build();
		return this.tracerProvider.get("test");
	}

	private static List<String> names(List<SpanData> spans) {
		return spans.stream().map(SpanData::getName).toList();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
