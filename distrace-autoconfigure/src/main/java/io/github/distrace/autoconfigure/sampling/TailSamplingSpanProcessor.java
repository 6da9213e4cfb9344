package io.github.distrace.autoconfigure.sampling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import org.jspecify.annotations.Nullable;

/**
 * Stands in front of the export processor and makes the tail decision for the traces the
 * head sampler did not sample (recorded only, through {@link RecordingSampler}): their
 * spans are held per trace until the local root span ends, then handed to the export
 * processor if a {@link KeepRules keep rule} holds, and dropped otherwise. Sampled spans
 * pass straight through.
 * <p>
 * Nothing here blocks: a trace's spans are guarded by that trace's own lock, and the
 * bounds (spans held, how long a root may stay open) are enforced by whichever thread
 * finds them exceeded.
 *
 * @author distrace
 */
public final class TailSamplingSpanProcessor implements ExtendedSpanProcessor {

	/**
	 * Why a kept trace was kept, on its local root span.
	 */
	public static final AttributeKey<String> KEPT = AttributeKey.stringKey("distrace.sampling.kept");

	private static final AttributeKey<Boolean> N_PLUS_ONE = AttributeKey.booleanKey("distrace.db.n_plus_one");

	private static final int REMEMBERED_KEPT_TRACES = 10_000;

	private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

	private final SpanProcessor exportProcessor;

	private final KeepRules rules;

	private final long slowerThanNanos;

	private final long maxDurationNanos;

	private final TailSamplingStatistics statistics;

	private final Runnable onDrop;

	private final Map<String, UndecidedTrace> undecided = new ConcurrentHashMap<>();

	private final AtomicInteger buffered = new AtomicInteger();

	private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime());

	private final RecentDecisions decisions = new RecentDecisions(REMEMBERED_KEPT_TRACES);

	/**
	 * Create an instance.
	 * @param exportProcessor the processor that exports; it must export unsampled spans
	 * too, since kept spans are not sampled
	 * @param rules when to keep a trace, and the bounds
	 * @param statistics counts what was kept and dropped
	 * @param onDrop told when spans were given up, to report it
	 */
	public TailSamplingSpanProcessor(SpanProcessor exportProcessor, KeepRules rules,
			TailSamplingStatistics statistics, Runnable onDrop) {
		this.exportProcessor = exportProcessor;
		this.rules = rules;
		this.slowerThanNanos = (rules.slowerThan() != null) ? rules.slowerThan().toNanos() : Long.MAX_VALUE;
		this.maxDurationNanos = rules.maxDuration().toNanos();
		this.statistics = statistics;
		this.onDrop = onDrop;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		SpanContext spanContext = span.getSpanContext();
		if (spanContext.isSampled()) {
			this.exportProcessor.onStart(parentContext, span);
			return;
		}
		if (isLocalRoot(span)) {
			long now = System.nanoTime();
			giveUpAbandonedIfDue(now);
			this.undecided.computeIfAbsent(spanContext.getTraceId(), (traceId) -> new UndecidedTrace(now))
				.rootStarted();
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnding(ReadWriteSpan span) {
		if (span.getSpanContext().isSampled() || !isLocalRoot(span)) {
			return;
		}
		UndecidedTrace trace = this.undecided.get(span.getSpanContext().getTraceId());
		if (trace == null) {
			return;
		}
		KeepReason reason = reason(trace, span);
		if (reason != null) {
			span.setAttribute(KEPT, reason.value());
			trace.keep(reason);
			this.statistics.kept(reason);
		}
	}

	@Override
	public boolean isOnEndingRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (span.getSpanContext().isSampled()) {
			this.exportProcessor.onEnd(span);
			return;
		}
		String traceId = span.getSpanContext().getTraceId();
		UndecidedTrace trace = this.undecided.get(traceId);
		if (trace == null) {
			endLate(span, traceId);
			return;
		}
		UndecidedTrace.Outcome outcome = trace.end(span, this.rules.errors() && isError(span), isLocalRoot(span));
		if (outcome == UndecidedTrace.Outcome.LATE) {
			endLate(span, traceId);
			return;
		}
		if (outcome == UndecidedTrace.Outcome.HELD) {
			if (this.buffered.incrementAndGet() > this.rules.maxBufferedSpans()) {
				giveUpOldest();
			}
			return;
		}
		// The ended span was never counted as held, the others were.
		this.buffered.addAndGet(1 - outcome.released());
		if (outcome.kept()) {
			outcome.spans().forEach(this.exportProcessor::onEnd);
		}
		if (outcome.finished()) {
			this.undecided.remove(traceId, trace);
			if (outcome.kept()) {
				this.decisions.kept(traceId);
			}
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.exportProcessor.shutdown();
	}

	@Override
	public CompletableResultCode forceFlush() {
		return this.exportProcessor.forceFlush();
	}

	private void endLate(ReadableSpan span, String traceId) {
		// Asynchronous work that ended after its trace was decided follows the decision.
		if (this.decisions.isKept(traceId)) {
			this.exportProcessor.onEnd(span);
		}
	}

	private @Nullable KeepReason reason(UndecidedTrace trace, ReadWriteSpan root) {
		if (this.rules.errors() && (trace.hasError() || isError(root))) {
			return KeepReason.ERROR;
		}
		if (root.getLatencyNanos() >= this.slowerThanNanos) {
			return KeepReason.SLOW;
		}
		if (this.rules.nPlusOne() && Boolean.TRUE.equals(root.getAttribute(N_PLUS_ONE))) {
			return KeepReason.N_PLUS_ONE;
		}
		return null;
	}

	private static boolean isError(ReadableSpan span) {
		// The SDK offers a span's status only through its data.
		return span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
	}

	private static boolean isLocalRoot(ReadableSpan span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	/**
	 * Drop the oldest undecided traces until a tenth of the buffer is free again, so that
	 * a full buffer is not searched for every span that follows.
	 */
	private void giveUpOldest() {
		List<Map.Entry<String, UndecidedTrace>> oldestFirst = new ArrayList<>(this.undecided.entrySet());
		oldestFirst.sort(Comparator.comparingLong((entry) -> entry.getValue().startNanos()));
		int target = this.rules.maxBufferedSpans() - this.rules.maxBufferedSpans() / 10;
		int dropped = 0;
		for (Map.Entry<String, UndecidedTrace> entry : oldestFirst) {
			if (this.buffered.get() <= target) {
				break;
			}
			int spans = giveUp(entry.getKey(), entry.getValue());
			this.statistics.droppedBufferFull(spans);
			dropped += spans;
		}
		if (dropped > 0) {
			this.onDrop.run();
		}
	}

	/**
	 * Give up the traces whose local root has been open longer than the bound: a span
	 * that never ends must not hold its trace forever. Looked for once a second.
	 */
	private void giveUpAbandonedIfDue(long now) {
		long last = this.lastSweepNanos.get();
		if (now - last < SWEEP_INTERVAL_NANOS || !this.lastSweepNanos.compareAndSet(last, now)) {
			return;
		}
		int dropped = 0;
		for (Map.Entry<String, UndecidedTrace> entry : this.undecided.entrySet()) {
			if (now - entry.getValue().startNanos() > this.maxDurationNanos) {
				int spans = giveUp(entry.getKey(), entry.getValue());
				this.statistics.droppedAbandoned(spans);
				dropped += spans;
			}
		}
		if (dropped > 0) {
			this.onDrop.run();
		}
	}

	private int giveUp(String traceId, UndecidedTrace trace) {
		int held = trace.giveUp();
		if (held < 0) {
			return 0;
		}
		this.undecided.remove(traceId, trace);
		this.buffered.addAndGet(-held);
		return held;
	}

}
