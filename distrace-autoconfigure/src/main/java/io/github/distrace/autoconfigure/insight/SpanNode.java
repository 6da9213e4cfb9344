package io.github.distrace.autoconfigure.insight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.DbAttributes;
import org.jspecify.annotations.Nullable;

/**
 * A span of a request that queries can run below: the statements run below it so far,
 * counted by their text. Guarded by its {@link LocalTrace}.
 *
 * @author distrace
 */
final class SpanNode {

	private final @Nullable SpanNode parent;

	private final LocalTrace trace;

	// Made on the first query below this span: most spans have none.
	private @Nullable Map<String, StatementRepeats> statements;

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

	void repeat(String text, ReadableSpan query, long nanos) {
		if (this.ended) {
			return; // a late query of asynchronous work, after this span was judged
		}
		Map<String, StatementRepeats> statements = this.statements;
		if (statements == null) {
			statements = new HashMap<>();
			this.statements = statements;
		}
		StatementRepeats repeats = statements.get(text);
		if (repeats == null) {
			// Read once per statement and span: repeats, the common case, need only the text.
			repeats = new StatementRepeats(query.getAttribute(DbAttributes.DB_QUERY_SUMMARY));
			statements.put(text, repeats);
		}
		repeats.add(nanos);
	}

	/**
	 * End this span: return the N+1s first found at this level, and hand every count on to
	 * the parent, so that a statement repeated across several child spans (a traced method
	 * called in a loop) is found at the span that called them.
	 */
	List<Detection> end(String spanName, int threshold, long minNanos) {
		this.ended = true;
		Map<String, StatementRepeats> statements = this.statements;
		if (statements == null) {
			return List.of();
		}
		List<Detection> found = null;
		for (Map.Entry<String, StatementRepeats> entry : statements.entrySet()) {
			StatementRepeats repeats = entry.getValue();
			if (repeats.report(threshold, minNanos)) {
				if (found == null) {
					found = new ArrayList<>(1);
				}
				found.add(new Detection(spanName, entry.getKey(), repeats.summary(), repeats.count(), repeats.nanos()));
			}
		}
		if (this.parent != null && !this.parent.ended) {
			this.parent.adopt(statements);
		}
		this.statements = null;
		return (found != null) ? found : List.of();
	}

	private void adopt(Map<String, StatementRepeats> childStatements) {
		if (this.statements == null) {
			this.statements = childStatements; // the child is done with it
			return;
		}
		childStatements.forEach((text, repeats) -> this.statements.merge(text, repeats, (mine, theirs) -> {
			mine.addAll(theirs);
			return mine;
		}));
	}

}
