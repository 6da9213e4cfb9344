package io.github.distrace.autoconfigure.ui;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One row of the Queries view: a distinct statement across the stored traces (for Redis,
 * a distinct command pattern), its executions' durations and the endpoints that ran it.
 * Query spans without a statement (statement capture off) are grouped by their summary,
 * with an empty text.
 *
 * @param text the statement, {@code db.query.text}, or an empty string
 * @param summary the statement's {@code db.query.summary}
 * @param durations the durations of its executions
 * @param endpoints the names of the local roots above its executions
 * @param plan the newest plan among its executions
 * @author distrace
 */
record QueryStatistics(String text, String summary, Durations durations, SortedSet<String> endpoints, LatestPlan plan) {

	/**
	 * Compute the rows from the stored traces, every service's query spans included,
	 * those of start-up traces left out: schema scripts and migrations would top the
	 * view.
	 * @param traces the stored traces
	 * @param maxRows the largest number of rows returned
	 * @return the statements with the largest total time, that first
	 */
	static List<QueryStatistics> of(List<Trace> traces, int maxRows) {
		Map<Key, QueryStatistics> rows = new HashMap<>();
		for (Trace trace : traces) {
			LocalRoots localRoots = new LocalRoots(trace);
			for (StoredSpan span : trace.spans()) {
				if (QuerySpans.isQuery(span) && !QuerySpans.isStartup(localRoots.of(span))) {
					String text = QuerySpans.statement(span);
					String summary = QuerySpans.summary(span);
					Key key = (text != null) ? new Key(text, "") : new Key("", summary);
					QueryStatistics row = rows.computeIfAbsent(key, (k) -> new QueryStatistics(k.text(), summary,
							new Durations(), new TreeSet<>(), new LatestPlan()));
					row.durations().add(span.durationNanos());
					row.plan().offer(QuerySpans.plan(span));
					StoredSpan root = localRoots.of(span);
					if (root != span) {
						row.endpoints().add(root.name()); // a query on its own (start-up
															// SQL) serves none
					}
				}
			}
		}
		return rows.values()
			.stream()
			.sorted(Comparator.comparingLong((QueryStatistics row) -> row.durations().total())
				.reversed()
				.thenComparing(QueryStatistics::text)
				.thenComparing(QueryStatistics::summary))
			.limit(maxRows)
			.toList();
	}

	private record Key(String text, String summary) {
	}

	/**
	 * The newest of a statement's plans: what the database does with it now.
	 */
	static final class LatestPlan {

		private @Nullable StoredEvent newest;

		void offer(@Nullable StoredEvent plan) {
			if (plan != null && (this.newest == null || plan.epochNanos() >= this.newest.epochNanos())) {
				this.newest = plan;
			}
		}

		@Nullable String text() {
			return (this.newest != null) ? this.newest.attributes().get(QuerySpans.PLAN) : null;
		}

	}

}
