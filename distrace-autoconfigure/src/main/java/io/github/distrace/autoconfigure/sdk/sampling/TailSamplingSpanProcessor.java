package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.distrace.DistraceAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * Stands in front of the export processor and makes the tail decision for the spans the
 * head sampler did not sample (recorded only, through {@link RecordingSampler}), once per
 * local root: each span whose parent is invalid or remote (a request, a message, a job)
 * is decided on its own, with the spans below it in this process, so that overlapping
 * requests of one upstream trace cost no more than unrelated ones. The spans that end
 * before their local root are held until it ends; then they are handed to the export
 * processor if a {@link KeepRules keep rule} holds, and dropped otherwise, and the spans
 * that end later follow the same decision. The decision is made once the local root has
 * ended ({@link #decide}), and a kept local root carries why it was kept
 * ({@link KeptRootSpan}). Kept spans reach the export processor as sampled
 * ({@link KeptSpan}), so that any processor exports them. Sampled spans pass straight
 * through.
 * <p>
 * Nothing here blocks: a local root's spans are guarded by that local root's own lock,
 * the decision is recorded before anything is exported, and the bounds (spans held, their
 * bytes as {@link SpanSizes} estimates them, how long a root may stay open) are enforced
 * by whichever thread finds them exceeded.
 *
 * @author distrace
 */
public final class TailSamplingSpanProcessor implements SpanProcessor {

	/**
	 * Why a kept local root was kept, on its local root span.
	 */
	public static final AttributeKey<String> KEPT = DistraceAttributes.SAMPLING_KEPT;

	private static final AttributeKey<Boolean> N_PLUS_ONE = DistraceAttributes.DB_N_PLUS_ONE;

	private static final int REMEMBERED_SPANS = 10_000;

	private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

	private final SpanProcessor exportProcessor;

	private final KeepRules rules;

	private final long slowerThanNanos;

	private final long maxDurationNanos;

	private final TailSamplingStatistics statistics;

	private final Runnable onDrop;

	private final LongSupplier nanoTime;

	// Every unsampled span followed, open or held, by span id: a span finds its local
	// root through its parent's entry.
	private final Map<String, LocalRoot> followed = new ConcurrentHashMap<>();

	private final Set<LocalRoot> undecided = ConcurrentHashMap.newKeySet();

	private final RecentDecisions finished = new RecentDecisions(REMEMBERED_SPANS);

	private final AtomicInteger heldSpans = new AtomicInteger();

	private final AtomicLong heldBytes = new AtomicLong();

	private final AtomicLong started = new AtomicLong();

	private final AtomicLong lastSweepNanos;

	private final AtomicBoolean givingUp = new AtomicBoolean();

	/**
	 * Create an instance.
	 * @param exportProcessor the processor that exports
	 * @param rules when to keep a local root, and the bounds
	 * @param statistics counts what was kept and dropped
	 * @param onDrop told when spans were given up, to report it; must not block
	 */
	public TailSamplingSpanProcessor(SpanProcessor exportProcessor, KeepRules rules, TailSamplingStatistics statistics,
			Runnable onDrop) {
		this(exportProcessor, rules, statistics, onDrop, System::nanoTime);
	}

	TailSamplingSpanProcessor(SpanProcessor exportProcessor, KeepRules rules, TailSamplingStatistics statistics,
			Runnable onDrop, LongSupplier nanoTime) {
		this.exportProcessor = exportProcessor;
		this.rules = rules;
		this.slowerThanNanos = (rules.slowerThan() != null) ? rules.slowerThan().toNanos() : Long.MAX_VALUE;
		this.maxDurationNanos = rules.maxDuration().toNanos();
		this.statistics = statistics;
		this.onDrop = onDrop;
		this.nanoTime = nanoTime;
		this.lastSweepNanos = new AtomicLong(nanoTime.getAsLong());
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		SpanContext context = span.getSpanContext();
		if (context.isSampled()) {
			this.exportProcessor.onStart(parentContext, span);
			return;
		}
		SpanContext parent = span.getParentSpanContext();
		if (!parent.isValid() || parent.isRemote()) {
			long now = this.nanoTime.getAsLong();
			sweepIfDue(now);
			LocalRoot root = new LocalRoot(this.started.incrementAndGet(), now);
			this.undecided.add(root);
			this.followed.put(context.getSpanId(), root);
			return;
		}
		LocalRoot root = this.followed.get(parent.getSpanId());
		if (root == null) {
			root = this.finished.localRootOf(parent.getSpanId());
		}
		if (root != null) {
			this.followed.put(context.getSpanId(), root);
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	/**
	 * Make the tail decision for an unsampled local root that has ended, before any
	 * processor's {@code onEnd} sees it: once it has ended, its status (for the error
	 * rule) is read without copying its attributes, which reading it as it ends would.
	 * {@link #onEnd} decides too, where nothing called this first.
	 * @param span a span that has ended
	 * @return the span as the processors and exporters should see it: a kept local root
	 * carries why it was kept ({@link #KEPT}); any other span is returned as it is
	 */
	public ReadableSpan decide(ReadableSpan span) {
		if (span.getSpanContext().isSampled() || !isLocalRoot(span)) {
			return span;
		}
		LocalRoot root = this.followed.get(span.getSpanContext().getSpanId());
		return (root != null) ? decide(span, root) : span;
	}

	private ReadableSpan decide(ReadableSpan span, LocalRoot root) {
		if (!root.isUndecided()) {
			return span;
		}
		SpanData data = span.toSpanData();
		KeepReason reason = root.decide(this.rules.errors() && isError(data),
				span.getLatencyNanos() >= this.slowerThanNanos,
				this.rules.nPlusOne() && Boolean.TRUE.equals(span.getAttribute(N_PLUS_ONE)));
		this.undecided.remove(root);
		if (reason == null) {
			return span;
		}
		this.statistics.kept(reason);
		return new KeptRootSpan(span, reason, data.getAttributes());
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (span.getSpanContext().isSampled()) {
			this.exportProcessor.onEnd(span);
			return;
		}
		String spanId = span.getSpanContext().getSpanId();
		LocalRoot root = this.followed.get(spanId);
		if (root == null) {
			return; // below a local root dropped, or forgotten: dropped too
		}
		if (isLocalRoot(span)) {
			rootEnded(spanId, decide(span, root), root);
		}
		else {
			spanEnded(spanId, span, root);
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

	/**
	 * Return how many spans are followed, open or held.
	 */
	int followedSpans() {
		return this.followed.size();
	}

	/**
	 * Return the heap the held spans take, as estimated.
	 */
	long heldBytes() {
		return this.heldBytes.get();
	}

	private void spanEnded(String spanId, ReadableSpan span, LocalRoot root) {
		// The span has ended: its data is no copy.
		SpanData data = span.toSpanData();
		long bytes = SpanSizes.estimate(data);
		LocalRoot.State state = root.end(span, this.rules.errors() && isError(data), bytes);
		if (state == LocalRoot.State.UNDECIDED) {
			// Its entry stays while its local root is undecided, for spans started below
			// it later.
			held(bytes);
			return;
		}
		// Remembered before it is no longer followed, for a span starting below it
		// meanwhile.
		if (state != LocalRoot.State.DROPPED) {
			this.finished.remember(spanId, root);
		}
		this.followed.remove(spanId);
		if (state == LocalRoot.State.KEPT) {
			export(span);
		}
		else if (state == LocalRoot.State.GIVEN_UP) {
			countGivenUp(root);
		}
	}

	private void rootEnded(String spanId, ReadableSpan span, LocalRoot root) {
		this.undecided.remove(root);
		LocalRoot.Released released = root.rootEnded(this.nanoTime.getAsLong());
		if (released.state() != LocalRoot.State.DROPPED) {
			this.finished.remember(released.spans(), root);
			this.finished.remember(spanId, root);
		}
		this.followed.remove(spanId);
		release(released);
		if (released.state() == LocalRoot.State.KEPT) {
			released.spans().forEach(this::export);
			export(span);
		}
		else if (released.state() == LocalRoot.State.GIVEN_UP) {
			countGivenUp(root);
		}
	}

	private void export(ReadableSpan span) {
		this.exportProcessor.onEnd(new KeptSpan(span));
	}

	private void countGivenUp(LocalRoot root) {
		GiveUpReason reason = root.givenUpFor();
		if (reason != null) {
			this.statistics.dropped(reason, 1);
		}
	}

	private void held(long bytes) {
		int spans = this.heldSpans.incrementAndGet();
		long total = this.heldBytes.addAndGet(bytes);
		if (spans > this.rules.maxBufferedSpans()) {
			giveUpOldest(GiveUpReason.BUFFER_FULL);
		}
		else if (total > this.rules.maxMemoryBytes()) {
			giveUpOldest(GiveUpReason.MEMORY_FULL);
		}
	}

	/**
	 * The spans of a decided or given-up local root leave the buffer, and are no longer
	 * followed.
	 */
	private void release(LocalRoot.Released released) {
		if (released.spans().isEmpty()) {
			return;
		}
		this.heldSpans.addAndGet(-released.spans().size());
		this.heldBytes.addAndGet(-released.bytes());
		for (ReadableSpan span : released.spans()) {
			this.followed.remove(span.getSpanContext().getSpanId());
		}
	}

	private static boolean isError(SpanData span) {
		// The SDK offers a span's status only through its data.
		return span.getStatus().getStatusCode() == StatusCode.ERROR;
	}

	private static boolean isLocalRoot(ReadableSpan span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	/**
	 * Give up the oldest undecided local roots until a tenth of the buffer (of its spans
	 * and of its bytes) is free again, so that a full buffer is not searched for every
	 * span that follows. One thread at a time: the others go on, and hold their spans
	 * meanwhile.
	 */
	private void giveUpOldest(GiveUpReason reason) {
		if (!this.givingUp.compareAndSet(false, true)) {
			return;
		}
		int dropped = 0;
		try {
			List<LocalRoot> oldestFirst = new ArrayList<>(this.undecided);
			oldestFirst.sort(Comparator.comparingLong(LocalRoot::order));
			int spanTarget = this.rules.maxBufferedSpans() - this.rules.maxBufferedSpans() / 10;
			long byteTarget = this.rules.maxMemoryBytes() - this.rules.maxMemoryBytes() / 10;
			long now = this.nanoTime.getAsLong();
			for (LocalRoot root : oldestFirst) {
				if (this.heldSpans.get() <= spanTarget && this.heldBytes.get() <= byteTarget) {
					break;
				}
				dropped += giveUp(root, reason, now);
			}
		}
		finally {
			this.givingUp.set(false);
		}
		if (dropped > 0) {
			this.onDrop.run();
		}
	}

	/**
	 * Give up the local roots open longer than the bound (a span that never ends must not
	 * hold its spans forever), and forget the spans left open below local roots finished
	 * longer ago than the bound. Looked for once a second.
	 */
	private void sweepIfDue(long now) {
		long last = this.lastSweepNanos.get();
		if (now - last < SWEEP_INTERVAL_NANOS || !this.lastSweepNanos.compareAndSet(last, now)) {
			return;
		}
		int dropped = 0;
		for (LocalRoot root : this.undecided) {
			if (now - root.startNanos() > this.maxDurationNanos) {
				dropped += giveUp(root, GiveUpReason.ROOT_NEVER_ENDED, now);
			}
		}
		long finishedBefore = now - this.maxDurationNanos;
		this.followed.values().removeIf((root) -> root.finishedBefore(finishedBefore));
		if (dropped > 0) {
			this.onDrop.run();
		}
	}

	private int giveUp(LocalRoot root, GiveUpReason reason, long now) {
		LocalRoot.Released released = root.giveUp(reason, now);
		if (released == null) {
			return 0;
		}
		this.undecided.remove(root);
		this.finished.remember(released.spans(), root);
		release(released);
		int dropped = released.spans().size();
		this.statistics.dropped(reason, dropped);
		return dropped;
	}

}
