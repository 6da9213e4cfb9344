package io.github.distrace.autoconfigure.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.distrace.autoconfigure.sdk.internal.DatabaseFinding;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.DbAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The part of one trace that this application records, from its local root span (the
 * server span, or the first span of a scheduled run or a message listener): its query
 * count and time in the database, and the N+1s found in it. Its lock guards the
 * {@link SpanNode}s and {@link StatementRepeats} below it too; only the spans of one
 * request take it, so it is hardly ever contended, and nothing slow (logging, listeners)
 * runs while it is held.
 * <p>
 * A local root can run for long (a scheduled job, a batch), so what it keeps is bounded:
 * at most {@code maxStatements} statements are followed at once, and at most
 * {@code maxReported} N+1s are kept to be reported; the rest are only counted.
 *
 * @author distrace
 */
final class LocalTrace {

	private final ReadableSpan root;

	private final long startNanos = System.nanoTime();

	private final int maxStatements;

	private final int maxReported;

	private long queryCount;

	private long queryNanos;

	// Of those, the Redis commands: their own Server-Timing entry, a cache's time apart
	// from the database's.
	private long redisCount;

	private long redisNanos;

	// StatementRepeats held by the spans of this trace at this moment.
	private int statements;

	private @Nullable List<Detection> reported;

	private long unreported;

	private boolean rootEnded;

	private final boolean startup;

	private long poolWaitNanos;

	// Slow statements, large results and pool waits, for database insight's listeners.
	private @Nullable List<DatabaseFinding> findings;

	LocalTrace(ReadableSpan root, int maxStatements, int maxReported, boolean startup) {
		this.root = root;
		this.maxStatements = maxStatements;
		this.maxReported = maxReported;
		this.startup = startup;
	}

	/**
	 * Whether this is the application's start-up, whose statements are counted and never
	 * checked for N+1s.
	 * @return whether its root is the start-up span
	 */
	boolean isStartup() {
		return this.startup;
	}

	/**
	 * Count a query that ran below a span of this trace.
	 * @param parent the span it ran below
	 * @param statement what identifies its statement, or {@code null} if it is not to be
	 * checked for N+1s
	 * @param text the statement's text
	 * @param system the span's database system, or {@code null}
	 * @param query the query span
	 * @param nanos how long it took
	 */
	synchronized void query(SpanNode parent, @Nullable Object statement, @Nullable String text, @Nullable String system,
			ReadableSpan query, long nanos) {
		this.queryCount++;
		this.queryNanos += nanos;
		if (DatabaseInsightSpanProcessor.REDIS.equals(system)) {
			this.redisCount++;
			this.redisNanos += nanos;
		}
		if (statement != null && text != null) {
			parent.repeat(statement, text, system, query, nanos);
		}
	}

	/**
	 * Count a wait for a connection, at or above the pool-wait threshold, of this trace.
	 * @param nanos how long it took
	 */
	synchronized void poolWait(long nanos) {
		this.poolWaitNanos += nanos;
	}

	synchronized long poolWaitNanos() {
		return this.poolWaitNanos;
	}

	/**
	 * Keep a finding for the listeners, as long as there is room.
	 * @param finding what was found
	 */
	synchronized void found(DatabaseFinding finding) {
		if (this.findings == null) {
			this.findings = new ArrayList<>(4);
		}
		if (this.findings.size() < this.maxReported) {
			this.findings.add(finding);
		}
	}

	/**
	 * Return the findings kept for the listeners, and the N+1s reported one by one.
	 */
	synchronized List<DatabaseFinding> findings(NPlusOnes nPlusOnes) {
		List<DatabaseFinding> findings = new ArrayList<>((this.findings != null) ? this.findings : List.of());
		for (Detection detection : nPlusOnes.reported()) {
			if (detection.summary() != null) {
				findings.add(new DatabaseFinding(DatabaseFinding.N_PLUS_ONE, DbAttributes.DB_QUERY_SUMMARY.getKey(),
						detection.summary()));
			}
		}
		return findings;
	}

	/**
	 * End a span of this trace.
	 * @return what was found below it, and what to tell the application now
	 */
	synchronized Ended end(SpanNode node, String spanName, int threshold, long minNanos) {
		NPlusOnes found = keep(node.end(spanName, threshold, minNanos));
		NPlusOnes report = null;
		if (node.isLocalRoot()) {
			this.rootEnded = true;
			report = new NPlusOnes((this.reported != null) ? List.copyOf(this.reported) : List.of(), this.unreported);
		}
		else if (this.rootEnded) {
			report = found; // asynchronous work that ended after its request: told on its
							// own
		}
		return new Ended(found.reported(), this.queryCount, this.queryNanos, report);
	}

	/**
	 * Keep what was found as long as there is room, and count the rest.
	 * @return what was kept, and how many were not
	 */
	private NPlusOnes keep(List<Detection> found) {
		if (found.isEmpty()) {
			return new NPlusOnes(found, 0);
		}
		int room = this.maxReported - ((this.reported != null) ? this.reported.size() : 0);
		int unreported = Math.max(0, found.size() - room);
		if (unreported > 0) {
			this.unreported += unreported;
			found = List.copyOf(found.subList(0, found.size() - unreported));
		}
		if (!found.isEmpty()) {
			if (this.reported == null) {
				this.reported = new ArrayList<>(found.size());
			}
			this.reported.addAll(found);
		}
		return new NPlusOnes(found, unreported);
	}

	/**
	 * End a span that became a query span after it started, without looking for N+1s
	 * below it: nothing should run below a query.
	 */
	synchronized void discard(SpanNode node) {
		node.discard();
		if (node.isLocalRoot()) {
			this.rootEnded = true;
		}
	}

	/**
	 * Return whether one more statement may be followed, and count it if so.
	 */
	boolean follow() {
		if (this.statements >= this.maxStatements) {
			return false;
		}
		this.statements++;
		return true;
	}

	/**
	 * Forget statements no longer followed: merged into another span's, or dropped.
	 */
	void forget(int statements) {
		this.statements -= statements;
	}

	ReadableSpan root() {
		return this.root;
	}

	long startNanos() {
		return this.startNanos;
	}

	/**
	 * The {@code Server-Timing} header value for this request so far, such as
	 * {@code db;dur=3.1;desc="4 queries", app;dur=12.0}, with an entry for Redis where
	 * the request sent commands to it, whose time the {@code db} entry then leaves out:
	 * {@code db;dur=3.1;desc="4 queries", redis;dur=0.6;desc="5 commands", app;dur=12.0}.
	 */
	String serverTiming() {
		long count;
		long nanos;
		long redisCount;
		long redisNanos;
		synchronized (this) {
			count = this.queryCount;
			nanos = this.queryNanos;
			redisCount = this.redisCount;
			redisNanos = this.redisNanos;
		}
		StringBuilder timing = new StringBuilder(96);
		timing.append(entry("db", nanos - redisNanos, count - redisCount, "query", "queries"));
		if (redisCount > 0) {
			timing.append(", ").append(entry("redis", redisNanos, redisCount, "command", "commands"));
		}
		return timing.append(String.format(Locale.ROOT, ", app;dur=%.1f", this.root.getLatencyNanos() / 1e6))
			.toString();
	}

	private static String entry(String name, long nanos, long count, String one, String many) {
		return String.format(Locale.ROOT, "%s;dur=%.1f;desc=\"%d %s\"", name, nanos / 1e6, count,
				(count == 1) ? one : many);
	}

	/**
	 * What ending a span of this trace gave.
	 *
	 * @param found the N+1s first found at this span, to be recorded on it as events
	 * @param queryCount the queries of the trace so far
	 * @param queryNanos their time in all
	 * @param report what to tell the application now: for the local root, every N+1 of
	 * the trace; for asynchronous work that ended after it, what was found there;
	 * otherwise {@code null}, as the local root tells it later
	 */
	record Ended(List<Detection> found, long queryCount, long queryNanos, @Nullable NPlusOnes report) {

	}

}
