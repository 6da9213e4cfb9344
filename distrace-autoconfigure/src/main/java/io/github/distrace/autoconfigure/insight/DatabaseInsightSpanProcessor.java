package io.github.distrace.autoconfigure.insight;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.distrace.DistraceAttributes;
import io.github.distrace.autoconfigure.sdk.internal.DatabaseFinding;
import io.github.distrace.autoconfigure.sdk.internal.DatabaseInsightListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads the query spans of each request as they end: adds the request's query count and
 * time in the database to its local root span, and finds N+1s, a statement run
 * {@code threshold} times or more below one span. Works in {@code onEnding}, while a span
 * can still be changed, so that what it adds is exported with the span.
 * <p>
 * Every span that queries can run below is followed from its start to its end, by its
 * span id; a query finds its parent's entry and counts its statement there, and an ending
 * span hands its counts on to its parent. Whether a span is followed is decided once,
 * when it starts, and its entry is released when it ends, whatever it has become by then
 * (a span can become a query span after it started). Nothing is kept once a span ends;
 * the number of spans followed at once, and the statements and N+1s kept for one local
 * root, are bounded.
 *
 * @author distrace
 */
final class DatabaseInsightSpanProcessor implements ExtendedSpanProcessor {

	private static final Log logger = LogFactory.getLog(DatabaseInsightSpanProcessor.class);

	static final AttributeKey<Long> QUERY_COUNT = DistraceAttributes.DB_QUERY_COUNT;

	static final AttributeKey<Double> DURATION_MS = DistraceAttributes.DB_DURATION_MS;

	static final AttributeKey<Boolean> N_PLUS_ONE = DistraceAttributes.DB_N_PLUS_ONE;

	static final AttributeKey<Long> N_PLUS_ONE_UNREPORTED = DistraceAttributes.DB_N_PLUS_ONE_UNREPORTED;

	// Set by distrace's JDBC spans whose text the span limits cut: a hash of the whole
	// text.
	static final AttributeKey<String> QUERY_HASH = DistraceAttributes.DB_QUERY_HASH;

	// Set by distrace's Redis spans whose keys have variable parts: the text with those
	// replaced, which commands are grouped by instead of their text.
	static final AttributeKey<String> QUERY_PATTERN = DistraceAttributes.DB_QUERY_PATTERN;

	// Set by distrace's Redis spans of commands that shared round trips (a pipeline, a
	// transaction): batched already.
	static final AttributeKey<Boolean> PIPELINED = DistraceAttributes.DB_PIPELINED;

	// The database system of Redis commands' spans.
	static final String REDIS = "redis";

	// Set by distrace on the span of the application's start-up, whose scripts run the
	// same statement over and over by design: counted, never an N+1.
	static final AttributeKey<Boolean> STARTUP = DistraceAttributes.STARTUP;

	static final String N_PLUS_ONE_EVENT = DistraceAttributes.N_PLUS_ONE_EVENT;

	// On the span of a wait for a connection at or above the pool-wait threshold.
	static final AttributeKey<Boolean> POOL_WAIT = AttributeKey.booleanKey(DatabaseFinding.POOL_WAIT);

	static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");

	static final AttributeKey<Double> POOL_WAIT_MS = DistraceAttributes.DB_POOL_WAIT_MS;

	private static final AttributeKey<Boolean> SLOW = AttributeKey.booleanKey(DatabaseFinding.SLOW);

	private static final AttributeKey<Boolean> LARGE_RESULT = AttributeKey.booleanKey(DatabaseFinding.LARGE_RESULT);

	// Far above the spans open at once in a busy application; reached only when spans
	// leak.
	static final int MAX_OPEN_SPANS = 50_000;

	// A request this old still open has leaked its spans, which are then given up.
	private static final long ABANDONED_AFTER_NANOS = Duration.ofMinutes(10).toNanos();

	private final Map<String, SpanNode> openSpans = new ConcurrentHashMap<>();

	private final boolean detect;

	private final int threshold;

	private final long minNanos;

	private final int maxStatements;

	private final int maxReported;

	private final NPlusOneReporter reporter;

	private final List<DatabaseInsightListener> listeners;

	private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime());

	private final AtomicBoolean boundReached = new AtomicBoolean();

	private final AtomicBoolean listenerFailed = new AtomicBoolean();

	/**
	 * Create an instance.
	 * @param properties what to find and how much of it to keep, read once
	 * @param reporter reports what is found
	 */
	DatabaseInsightSpanProcessor(DistraceNPlusOneProperties properties, NPlusOneReporter reporter) {
		this(properties, reporter, List.of());
	}

	/**
	 * Create an instance.
	 * @param properties what to find and how much of it to keep, read once
	 * @param reporter reports what is found
	 * @param listeners told about every query span and every local root as they end
	 */
	DatabaseInsightSpanProcessor(DistraceNPlusOneProperties properties, NPlusOneReporter reporter,
			List<DatabaseInsightListener> listeners) {
		this.listeners = List.copyOf(listeners);
		this.detect = properties.isEnabled();
		this.threshold = properties.getThreshold();
		this.minNanos = properties.getMinDuration().toNanos();
		this.maxStatements = properties.getMaxStatements();
		this.maxReported = properties.getMaxReported();
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
		LocalTrace trace = (parentNode != null) ? parentNode.trace()
				: new LocalTrace(span, this.maxStatements, this.maxReported, span.getAttribute(STARTUP) != null);
		this.openSpans.put(span.getSpanContext().getSpanId(), new SpanNode(parentNode, trace));
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnding(ReadWriteSpan span) {
		SpanNode node = this.openSpans.remove(span.getSpanContext().getSpanId());
		if (span.getKind() == SpanKind.CLIENT) {
			// Read once for all that follows: each read of a span's attribute takes its
			// lock.
			String system = span.getAttribute(DbAttributes.DB_SYSTEM_NAME);
			String text = span.getAttribute(DbAttributes.DB_QUERY_TEXT);
			if (system != null || text != null) {
				if (node != null) {
					node.trace().discard(node); // became a query span after it started
				}
				queryEnded(span, system, text);
				for (DatabaseInsightListener listener : this.listeners) {
					try {
						listener.queryEnding(span);
					}
					catch (RuntimeException ex) {
						listenerFailed(listener, ex);
					}
				}
				return;
			}
		}
		if (node != null) {
			if (span.getAttribute(POOL_WAIT) != null) {
				poolWaitEnded(span, node.trace());
			}
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

	/**
	 * Return whether a span is a query span: a client span with a database system or a
	 * statement. A commit or a rollback is one too: a round trip to the database.
	 */
	private static boolean isQuery(ReadableSpan span) {
		return span.getKind() == SpanKind.CLIENT && (span.getAttribute(DbAttributes.DB_SYSTEM_NAME) != null
				|| span.getAttribute(DbAttributes.DB_QUERY_TEXT) != null);
	}

	private void queryEnded(ReadWriteSpan span, @Nullable String system, @Nullable String text) {
		SpanContext parent = span.getParentSpanContext();
		SpanNode node = parent.isValid() ? this.openSpans.get(parent.getSpanId()) : null;
		if (node == null) {
			return; // a query on its own is not part of a request
		}
		if (!this.listeners.isEmpty()) {
			findingsEnded(span, node.trace());
		}
		LocalTrace trace = node.trace();
		long nanos = span.getLatencyNanos();
		// The marks of a pattern and of a pipeline are Redis commands' alone.
		boolean redis = REDIS.equals(system);
		// Without a text (a commit, a rollback) there is no statement to repeat; a batch
		// runs its statements in one round trip, a pipeline shares them, and a start-up
		// script repeats by design: never an N+1.
		if (!this.detect || text == null || span.getAttribute(DbAttributes.DB_OPERATION_BATCH_SIZE) != null
				|| (redis && span.getAttribute(PIPELINED) != null) || trace.isStartup()) {
			trace.query(node, null, null, system, span, nanos);
			return;
		}
		String pattern = redis ? span.getAttribute(QUERY_PATTERN) : null;
		if (pattern != null) {
			trace.query(node, pattern, pattern, system, span, nanos);
			return;
		}
		String hash = span.getAttribute(QUERY_HASH);
		Object statement = (hash != null) ? new CutStatement(hash) : text;
		trace.query(node, statement, text, system, span, nanos);
	}

	private void spanEnded(ReadWriteSpan span, SpanNode node) {
		LocalTrace trace = node.trace();
		LocalTrace.Ended ended = trace.end(node, span.getName(), this.threshold, this.minNanos);
		for (Detection detection : ended.found()) {
			span.addEvent(N_PLUS_ONE_EVENT, eventAttributes(detection));
		}
		if (node.isLocalRoot()) {
			span.setAttribute(QUERY_COUNT, ended.queryCount());
			span.setAttribute(DURATION_MS, ended.queryNanos() / 1e6);
			long poolWaitNanos = trace.poolWaitNanos();
			if (poolWaitNanos > 0) {
				span.setAttribute(POOL_WAIT_MS, poolWaitNanos / 1e6);
			}
			if (!this.listeners.isEmpty()) {
				rootEnded(span, ended, trace);
			}
		}
		NPlusOnes report = ended.report();
		if (report == null || report.isEmpty()) {
			return;
		}
		ReadableSpan root = trace.root();
		if (node.isLocalRoot()) {
			span.setAttribute(N_PLUS_ONE, true);
			if (report.unreported() > 0) {
				span.setAttribute(N_PLUS_ONE_UNREPORTED, report.unreported());
			}
		}
		// Otherwise asynchronous work that ended after its request: reported on its own.
		this.reporter.report(root.getName(), root.getSpanContext().getTraceId(), report);
	}

	private static void poolWaitEnded(ReadWriteSpan span, LocalTrace trace) {
		trace.poolWait(span.getLatencyNanos());
		String pool = span.getAttribute(POOL_NAME);
		if (pool != null) {
			trace.found(new DatabaseFinding(DatabaseFinding.POOL_WAIT, POOL_NAME.getKey(), pool));
		}
	}

	// Kept for the listeners only: the query spans carry these marks themselves.
	private static void findingsEnded(ReadWriteSpan query, LocalTrace trace) {
		boolean slow = Boolean.TRUE.equals(query.getAttribute(SLOW));
		boolean large = Boolean.TRUE.equals(query.getAttribute(LARGE_RESULT));
		if (!slow && !large) {
			return;
		}
		String summary = query.getAttribute(DbAttributes.DB_QUERY_SUMMARY);
		String where = (summary != null) ? summary : query.getName();
		if (slow) {
			trace.found(new DatabaseFinding(DatabaseFinding.SLOW, DbAttributes.DB_QUERY_SUMMARY.getKey(), where));
		}
		if (large) {
			trace.found(
					new DatabaseFinding(DatabaseFinding.LARGE_RESULT, DbAttributes.DB_QUERY_SUMMARY.getKey(), where));
		}
	}

	private void rootEnded(ReadWriteSpan root, LocalTrace.Ended ended, LocalTrace trace) {
		NPlusOnes report = ended.report();
		List<DatabaseFinding> findings = trace.findings((report != null) ? report : new NPlusOnes(List.of(), 0));
		for (DatabaseInsightListener listener : this.listeners) {
			try {
				listener.localRootEnding(root, ended.queryCount(), findings);
			}
			catch (RuntimeException ex) {
				listenerFailed(listener, ex);
			}
		}
	}

	// The span ends in the application's own call (a query, a request): a listener's
	// failure, such as a registry that refuses a meter, must not become the
	// application's.
	private void listenerFailed(DatabaseInsightListener listener, RuntimeException ex) {
		if (this.listenerFailed.compareAndSet(false, true)) {
			logger.warn("A database insight listener (" + listener.getClass().getName() + ") failed; "
					+ "further failures are logged at DEBUG", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("A database insight listener failed", ex);
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
		if (this.openSpans.size() < MAX_OPEN_SPANS) {
			return true;
		}
		if (this.boundReached.compareAndSet(false, true)) {
			logger.warn(String.format(Locale.ROOT,
					"Database insight follows at most %,d open spans, and that many are open: "
							+ "requests that start now get no query totals and no N+1 detection until spans end. "
							+ "Spans that are started and never ended are the usual cause; spans of a request open "
							+ "for more than %d minutes are given up. Logged once.",
					MAX_OPEN_SPANS, Duration.ofNanos(ABANDONED_AFTER_NANOS).toMinutes()));
		}
		return false;
	}

	/**
	 * A statement whose text the span limits cut, known by the hash of its whole text, so
	 * that statements that differ only after the cut are not taken for one.
	 *
	 * @param hash the hash of the whole text
	 */
	private record CutStatement(String hash) {

	}

}
