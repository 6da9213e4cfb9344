package io.github.distrace.autoconfigure.insight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.DbAttributes;
import org.jspecify.annotations.Nullable;

/**
 * A span of a request that queries can run below: the statements run below it so far,
 * counted by statement. Guarded by its {@link LocalTrace}, which also bounds how many
 * statements its spans follow at once.
 *
 * @author distrace
 */
final class SpanNode {

	private final @Nullable SpanNode parent;

	private final LocalTrace trace;

	// Made on the first query below this span: most spans have none. Keyed by the
	// statement's text, or by its whole text's hash where the span limits cut the text;
	// kept in the order first seen, so that what is reported first is what ran first.
	private @Nullable Map<Object, StatementRepeats> statements;

	private boolean ended;

	SpanNode(@Nullable SpanNode parent, LocalTrace trace) {
		this.parent = parent;
		this.trace = trace;
	}

	LocalTrace trace() {
		return this.trace;
	}

	boolean isLocalRoot() {
		return this.parent == null;
	}

	void repeat(Object statement, String text, @Nullable String system, ReadableSpan query, long nanos) {
		if (this.ended) {
			return; // a late query of asynchronous work, after this span was judged
		}
		Map<Object, StatementRepeats> statements = this.statements;
		StatementRepeats repeats = (statements != null) ? statements.get(statement) : null;
		if (repeats == null) {
			if (!this.trace.follow()) {
				return; // as many statements followed as the local root may
			}
			if (statements == null) {
				statements = new LinkedHashMap<>();
				this.statements = statements;
			}
			// Read once per statement and span: repeats, the common case, need only the
			// key.
			repeats = new StatementRepeats(text, query.getAttribute(DbAttributes.DB_QUERY_SUMMARY), system);
			statements.put(statement, repeats);
		}
		repeats.add(nanos);
	}

	/**
	 * End this span: return the N+1s first found at this level, and hand every count on
	 * to the parent, so that a statement repeated across several child spans (a traced
	 * method called in a loop) is found at the span that called them.
	 */
	List<Detection> end(String spanName, int threshold, long minNanos) {
		this.ended = true;
		Map<Object, StatementRepeats> statements = this.statements;
		if (statements == null) {
			return List.of();
		}
		this.statements = null;
		List<Detection> found = null;
		for (StatementRepeats repeats : statements.values()) {
			if (repeats.report(threshold, minNanos)) {
				if (found == null) {
					found = new ArrayList<>(1);
				}
				found.add(new Detection(spanName, repeats.text(), repeats.summary(), repeats.system(), repeats.count(),
						repeats.nanos()));
			}
		}
		if (this.parent != null && !this.parent.ended) {
			this.trace.forget(this.parent.adopt(statements));
		}
		else {
			this.trace.forget(statements.size());
		}
		return (found != null) ? found : List.of();
	}

	/**
	 * End this span without judging it: what was counted below it is dropped.
	 */
	void discard() {
		this.ended = true;
		if (this.statements != null) {
			this.trace.forget(this.statements.size());
			this.statements = null;
		}
	}

	/**
	 * Take over the counts of a child that ended.
	 * @return how many of them were merged into counts of this span's own
	 */
	private int adopt(Map<Object, StatementRepeats> childStatements) {
		Map<Object, StatementRepeats> statements = this.statements;
		if (statements == null) {
			this.statements = childStatements; // the child is done with it
			return 0;
		}
		int merged = 0;
		for (Map.Entry<Object, StatementRepeats> entry : childStatements.entrySet()) {
			StatementRepeats mine = statements.putIfAbsent(entry.getKey(), entry.getValue());
			if (mine != null) {
				mine.addAll(entry.getValue());
				merged++;
			}
		}
		return merged;
	}

}
