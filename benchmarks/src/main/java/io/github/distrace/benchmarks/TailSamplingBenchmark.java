package io.github.distrace.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.sdk.sampling.TailDecisionFixture;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What holding the spans of a trace the head sampler did not sample costs, against the
 * SDK's own record-only path: the same request (a server span with three children, four
 * spans) recorded without being sampled, once with the SDK's batch processor alone (it
 * drops unsampled spans as they end) and once behind distrace's tail decision, which
 * holds them until the root ends and then drops them, no keep rule holding. {@code held}
 * has the default rules; {@code heldWithoutErrorRule} leaves out the error rule, whose
 * check reads each span's data once it has ended (the SDK offers a span's status no other
 * way; before the span has ended, that data is a copy of its attributes).
 * {@code requestWithAttributes} is the same request with the attributes distrace gives
 * such spans in the sample app ({@link SampleTraces}, numbers among them), which the tail
 * decision reads to estimate the memory each held span takes.
 *
 * @author distrace
 */
public class TailSamplingBenchmark extends Settings {

	@Param({ "sdk", "held", "heldWithoutErrorRule" })
	public String path;

	private SdkTracerProvider tracerProvider;

	private Tracer tracer;

	private SpanData serverSpan;

	@Setup(Level.Trial)
	public void start() {
		boolean held = !"sdk".equals(this.path);
		boolean errors = "held".equals(this.path);
		BatchSpanProcessor export = BatchSpanProcessor.builder(new CountingSpanExporter())
			.setExportUnsampledSpans(held)
			.build();
		SpanProcessor processor = held ? TailDecisionFixture.holdingUntilRootEnds(export, errors) : export;
		this.tracerProvider = SdkTracerProvider.builder()
			.setSampler(TailDecisionFixture.recording(Sampler.alwaysOff()))
			.addSpanProcessor(processor)
			.build();
		this.tracer = this.tracerProvider.get("benchmark");
		Span span = this.tracer.spanBuilder("GET /orders/{id}")
			.setAllAttributes(SampleTraces.OVERVIEW_REQUEST)
			.startSpan()
			.setAllAttributes(SampleTraces.OVERVIEW_RESPONSE);
		span.end();
		this.serverSpan = ((ReadableSpan) span).toSpanData();
	}

	@Benchmark
	public Span request() {
		Span root = this.tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
		Context context = Context.root().with(root);
		for (int i = 0; i < 3; i++) {
			this.tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).setParent(context).startSpan().end();
		}
		root.end();
		return root;
	}

	@Benchmark
	public Span requestWithAttributes() {
		Span root = this.tracer.spanBuilder("GET /orders/{id}")
			.setSpanKind(SpanKind.SERVER)
			.setAllAttributes(SampleTraces.OVERVIEW_REQUEST)
			.startSpan();
		Context context = Context.root().with(root);
		for (int i = 0; i < 3; i++) {
			this.tracer.spanBuilder("SELECT orders")
				.setSpanKind(SpanKind.CLIENT)
				.setParent(context)
				.setAllAttributes(SampleTraces.OVERVIEW_QUERY)
				.startSpan()
				.setAttribute(SampleTraces.RETURNED_ROWS, 1L)
				.end();
		}
		root.setAllAttributes(SampleTraces.OVERVIEW_RESPONSE);
		root.end();
		return root;
	}

	@Benchmark
	public long estimateServerSpan() {
		return TailDecisionFixture.estimatedSize(this.serverSpan);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
	}

}
