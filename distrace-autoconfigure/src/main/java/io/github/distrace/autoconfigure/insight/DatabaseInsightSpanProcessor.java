package io.github.distrace.autoconfigure.insight;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Reads the query spans of each request as they end: adds the request's query count and
 * time in the database to its local root span, and finds N+1s, a statement run
 * {@code threshold} times or more below one span. Works in {@code onEnding}, while a span
 * can still be changed, so that what it adds is exported with the span.
 * <p>
 * Every span that queries can run below is followed from its start to its end, by its
 * span id; a query finds its parent's entry and counts its statement there, and an ending
 * span hands its counts on to its parent. Nothing is kept once a span ends, and the
 * number of spans followed at once is bounded.
 *
 * @author distrace
 */
final class DatabaseInsightSpanProcessor implements ExtendedSpanProcessor {

	static final AttributeKey<Long> QUERY_COUNT = AttributeKey.longKey("distrace.db.query_count");

	static final AttributeKey<Double> DURATION_MS = AttributeKey.doubleKey("distrace.db.duration_ms");

	static final AttributeKey<Boolean> N_PLUS_ONE = AttributeKey.booleanKey("distrace.db.n_plus_one");

	static final String N_PLUS_ONE_EVENT = "distrace.n_plus_one";

	// Far above the spans open at once in a busy application; reached only when spans leak.
	static final int MAX_OPEN_SPANS = 50_000;

	// A request this old still open has leaked its spans, which are then given up.
	private static final long ABANDONED_AFTER_NANOS = Duration.ofMinutes(10).toNanos();

	private final Map<String, SpanNode> openSpans = new ConcurrentHashMap<>();

	private final boolean detect;

	private final int threshold;

	private final long minNanos;

	private final NPlusOneReporter reporter;

	private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime());

	/**
	 * Create an instance.
	 * @param detect whether to find N+1s, or only count queries
	 * @param threshold executions of one statement below one span that make an N+1
	 * @param minDuration the time those executions must take in all to be reported
	 * @param reporter reports what is found
	 */
	DatabaseInsightSpanProcessor(boolean detect, int threshold, Duration minDuration, NPlusOneReporter reporter) {
		this.detect = detect;
		this.threshold = threshold;
		this.minNanos = minDuration.toNanos();
		this.reporter = reporter;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (isQuery(span)) {
			return; // nothing runs below a query
		}
		SpanContext parent = span.getParentSpanContext();
		SpanNode parentNode = null;
		if (parent.isValid() && !parent.isRemote()) {
			parentNode = this.openSpans.get(parent.getSpanId());
			if (parentNode == null) {
				return; // below a span that is not followed
			}
		}
		if (this.openSpans.size() >= MAX_OPEN_SPANS && !makeRoom()) {
			return;
		}
		LocalTrace trace = (parentNode != null) ? parentNode.trace() : new LocalTrace(span);
		this.openSpans.put(span.getSpanContext().getSpanId(), new SpanNode(parentNode, trace));
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnding(ReadWriteSpan span) {
		if (span.getKind() == SpanKind.CLIENT) {
			String text = span.getAttribute(DbAttributes.DB_QUERY_TEXT);
			if (text != null || span.getAttribute(DbAttributes.DB_SYSTEM_NAME) != null) {
				queryEnded(span, text);
				return;
			}
		}
		SpanNode node = this.openSpans.remove(span.getSpanContext().getSpanId());
		if (node != null) {
			spanEnded(span, node);
		}
	}

	@Override
	public boolean isOnEndingRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	/**
	 * Return the local trace of a span that has not ended yet.
	 * @param span the span
	 * @return its local trace, or {@code null} if the span is not followed
	 */
	@Nullable LocalTrace localTrace(SpanContext span) {
		SpanNode node = this.openSpans.get(span.getSpanId());
		return (node != null) ? node.trace() : null;
	}

	int openSpans() {
		return this.openSpans.size();
	}

	private static boolean isQuery(ReadableSpan span) {
		return span.getKind() == SpanKind.CLIENT && span.getAttribute(DbAttributes.DB_SYSTEM_NAME) != null;
	}

	private void queryEnded(ReadWriteSpan span, @Nullable String text) {
		SpanContext parent = span.getParentSpanContext();
		SpanNode node = parent.isValid() ? this.openSpans.get(parent.getSpanId()) : null;
		if (node == null) {
			return; // a query on its own is not part of a request
		}
		// A batch runs its statements in one round trip: never an N+1.
		boolean counted = this.detect && text != null
				&& span.getAttribute(DbAttributes.DB_OPERATION_BATCH_SIZE) == null;
		node.trace().query(node, counted ? text : null, span, span.getLatencyNanos());
	}

	private void spanEnded(ReadWriteSpan span, SpanNode node) {
		LocalTrace trace = node.trace();
		List<Detection> found = trace.end(node, span.getName(), this.threshold, this.minNanos);
		for (Detection detection : found) {
			span.addEvent(N_PLUS_ONE_EVENT, eventAttributes(detection));
		}
		if (node.isLocalRoot()) {
			span.setAttribute(QUERY_COUNT, trace.queryCount());
			span.setAttribute(DURATION_MS, trace.queryNanos() / 1e6);
			List<Detection> detections = trace.detections();
			if (!detections.isEmpty()) {
				span.setAttribute(N_PLUS_ONE, true);
				this.reporter.report(span.getName(), span.getSpanContext().getTraceId(), detections);
			}
		}
		else if (!found.isEmpty() && trace.isRootEnded()) {
			// Asynchronous work that ended after its request: reported on its own.
			ReadableSpan root = trace.root();
			this.reporter.report(root.getName(), root.getSpanContext().getTraceId(), found);
		}
	}

	private static Attributes eventAttributes(Detection detection) {
		var attributes = Attributes.builder()
			.put(DbAttributes.DB_QUERY_TEXT, detection.statement())
			.put(QUERY_COUNT, detection.count())
			.put(DURATION_MS, detection.millis());
		if (detection.summary() != null) {
			attributes.put(DbAttributes.DB_QUERY_SUMMARY, detection.summary());
		}
		return attributes.build();
	}

	/**
	 * Give up the spans of requests open for so long that they must have leaked (a span
	 * started and never ended), at most once a minute.
	 * @return whether there is room now
	 */
	private boolean makeRoom() {
		long now = System.nanoTime();
		long last = this.lastSweepNanos.get();
		if (now - last >= Duration.ofMinutes(1).toNanos() && this.lastSweepNanos.compareAndSet(last, now)) {
			this.openSpans.values().removeIf((node) -> now - node.trace().startNanos() > ABANDONED_AFTER_NANOS);
		}
		return this.openSpans.size() < MAX_OPEN_SPANS;
	}

}
