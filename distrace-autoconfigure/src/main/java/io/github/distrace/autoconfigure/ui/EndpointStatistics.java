package io.github.distrace.autoconfigure.ui;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the Endpoints view: the local roots of one name across the stored traces,
 * every service's included, with their durations, errors and the queries below them.
 *
 * @author distrace
 */
final class EndpointStatistics {

	private final String name;

	private final Durations durations = new Durations();

	private int errors;

	private int queries;

	private long queryNanos;

	private EndpointStatistics(String name) {
		this.name = name;
	}

	/**
	 * Compute the rows from the stored traces.
	 * @param traces the stored traces
	 * @param maxRows the largest number of rows returned
	 * @return the endpoints with the most requests, that first
	 */
	static List<EndpointStatistics> of(List<Trace> traces, int maxRows) {
		Map<String, EndpointStatistics> rows = new HashMap<>();
		for (Trace trace : traces) {
			LocalRoots localRoots = new LocalRoots(trace);
			for (StoredSpan span : trace.spans()) {
				StoredSpan root = localRoots.of(span);
				if (QuerySpans.isQuery(root)) {
					continue; // a query on its own, such as start-up SQL, is no endpoint
				}
				EndpointStatistics row = rows.computeIfAbsent(root.name(), EndpointStatistics::new);
				if (root == span) {
					row.durations.add(span.durationNanos());
					row.errors += span.isError() ? 1 : 0;
				}
				if (QuerySpans.isQuery(span)) {
					row.queries++;
					row.queryNanos += span.durationNanos();
				}
			}
		}
		return rows.values()
			.stream()
			.sorted(Comparator.comparingInt((EndpointStatistics row) -> row.count())
				.reversed()
				.thenComparing(EndpointStatistics::name))
			.limit(maxRows)
			.toList();
	}

	String name() {
		return this.name;
	}

	int count() {
		return this.durations.count();
	}

	int errors() {
		return this.errors;
	}

	Durations durations() {
		return this.durations;
	}

	double queriesPerRequest() {
		return (double) this.queries / Math.max(1, count());
	}

	/**
	 * Return the share of the endpoint's time spent in its queries: their summed duration
	 * over the summed duration of its requests, at most 1 (queries may run in parallel).
	 * @return the share, from 0 to 1
	 */
	double dbShare() {
		long total = this.durations.total();
		return (total > 0) ? Math.min(1.0, (double) this.queryNanos / total) : 0;
	}

}
