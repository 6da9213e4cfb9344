package io.github.distrace.autoconfigure.sdk.internal;

import java.util.List;

import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * Told by database insight about what it reads from the spans: every query span as it
 * ends, and every local root (a request, a message, a scheduled run) with its totals and
 * findings as it ends. Database insight already follows each request's spans, sampled or
 * not; a feature that builds on the same data (metrics) declares a bean of this type
 * instead of following them a second time, and neither feature depends on the other.
 * <p>
 * Called on the thread that ends the span, while the span ends, for every query: an
 * implementation must be fast, must not block, and must not throw.
 * <p>
 * Internal: not for use outside distrace.
 *
 * @author distrace
 */
public interface DatabaseInsightListener {

	/**
	 * A query span (a client span with a database system or a statement) is ending. Its
	 * attributes are final.
	 * @param query the query span
	 */
	void queryEnding(ReadableSpan query);

	/**
	 * A local root span is ending, after its query totals were added to it. Its name is
	 * final: for a request, the route it matched.
	 * @param root the local root span
	 * @param queryCount the queries that ran below it
	 * @param findings what was found below it: at most as many as N+1s may be reported
	 * for one local root
	 */
	void localRootEnding(ReadableSpan root, long queryCount, List<DatabaseFinding> findings);

}
