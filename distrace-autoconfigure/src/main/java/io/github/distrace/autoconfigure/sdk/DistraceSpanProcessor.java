package io.github.distrace.autoconfigure.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;

/**
 * The one span processor that the SDK sees for everything distrace chains on a span: the
 * application's processors and distrace's own (database insight, baggage attributes, the
 * viewer's store), in their order, then the tail decision and the export. It counts the
 * spans started as it hands them on, so that counting needs no processor of its own. As a
 * span ends, the tail decision is made first, so that every stage sees a kept local root
 * with the reason it was kept.
 * <p>
 * One processor rather than the SDK's fan-out over several, so that a span's start no
 * longer passes a processor that only counts it. Measured on a {@code @Traced} span and a
 * JDBC query, the difference is within the noise, at most about 20 ns a span
 * ({@code docs/benchmarks.md}); what the fan-out does besides (each stage called only at
 * the points of a span's life it asks for) is done the same way here.
 *
 * @author distrace
 */
final class DistraceSpanProcessor implements ExtendedSpanProcessor {

	private final SpanStartCounter startCounter;

	private final SpanProcessor[] stages;

	private final SpanProcessor[] onStart;

	private final ExtendedSpanProcessor[] onEnding;

	private final SpanProcessor[] onEnd;

	private final UnaryOperator<ReadableSpan> tailDecision;

	/**
	 * Create the processor.
	 * @param startCounter what counts the spans started
	 * @param stages the processors a span passes, in order; the export last
	 * @param tailDecision decides an ended span's local root, if it is one, and returns
	 * the span as the stages should see it
	 */
	DistraceSpanProcessor(SpanStartCounter startCounter, List<SpanProcessor> stages,
			UnaryOperator<ReadableSpan> tailDecision) {
		this.startCounter = startCounter;
		this.tailDecision = tailDecision;
		this.stages = stages.toArray(new SpanProcessor[0]);
		List<SpanProcessor> onStart = new ArrayList<>();
		List<ExtendedSpanProcessor> onEnding = new ArrayList<>();
		List<SpanProcessor> onEnd = new ArrayList<>();
		for (SpanProcessor stage : stages) {
			if (stage.isStartRequired()) {
				onStart.add(stage);
			}
			if (stage instanceof ExtendedSpanProcessor extended && extended.isOnEndingRequired()) {
				onEnding.add(extended);
			}
			if (stage.isEndRequired()) {
				onEnd.add(stage);
			}
		}
		this.onStart = onStart.toArray(new SpanProcessor[0]);
		this.onEnding = onEnding.toArray(new ExtendedSpanProcessor[0]);
		this.onEnd = onEnd.toArray(new SpanProcessor[0]);
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		this.startCounter.spanStarted();
		for (SpanProcessor stage : this.onStart) {
			stage.onStart(parentContext, span);
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnding(ReadWriteSpan span) {
		for (ExtendedSpanProcessor stage : this.onEnding) {
			stage.onEnding(span);
		}
	}

	@Override
	public boolean isOnEndingRequired() {
		return this.onEnding.length > 0;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		ReadableSpan decided = this.tailDecision.apply(span);
		for (SpanProcessor stage : this.onEnd) {
			stage.onEnd(decided);
		}
	}

	@Override
	public boolean isEndRequired() {
		return this.onEnd.length > 0;
	}

	@Override
	public CompletableResultCode forceFlush() {
		return everyStage(SpanProcessor::forceFlush);
	}

	@Override
	public CompletableResultCode shutdown() {
		return everyStage(SpanProcessor::shutdown);
	}

	private CompletableResultCode everyStage(Function<SpanProcessor, CompletableResultCode> action) {
		List<CompletableResultCode> results = new ArrayList<>(this.stages.length);
		for (SpanProcessor stage : this.stages) {
			results.add(action.apply(stage));
		}
		return CompletableResultCode.ofAll(results);
	}

}
