package io.github.distrace.autoconfigure.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.distrace.DistraceAttributes;
import io.opentelemetry.api.common.AttributeKey;

/**
 * One row of the Findings view: a database bottleneck of one kind, at one endpoint, for
 * one statement (or pool), across the stored traces, with the time it cost there and the
 * newest traces that show it. Rows are ranked by that time, so that what costs the
 * requests most comes first.
 *
 * @author distrace
 */
final class Finding {

	static final int MAX_EXAMPLES = 3;

	static final AttributeKey<Boolean> SLOW = DistraceAttributes.DB_SLOW;

	static final AttributeKey<Boolean> LARGE_RESULT = DistraceAttributes.DB_LARGE_RESULT;

	static final AttributeKey<Boolean> POOL_WAIT = DistraceAttributes.DB_POOL_WAIT;

	static final AttributeKey<Long> RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");

	static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");

	private static final AttributeKey<Long> REPEATS = DistraceAttributes.DB_QUERY_COUNT;

	private static final AttributeKey<Double> REPEATS_MS = DistraceAttributes.DB_DURATION_MS;

	private final FindingKind kind;

	private final String endpoint;

	private final String statement;

	private long count;

	private double totalMs;

	// The most rows one statement of a large result returned, where its span says.
	private long maxRows;

	// Trace ids with their start, the newest kept.
	private final List<Example> examples = new ArrayList<>();

	private Finding(FindingKind kind, String endpoint, String statement) {
		this.kind = kind;
		this.endpoint = endpoint;
		this.statement = statement;
	}

	/**
	 * Compute the rows from the stored traces, every service's spans included but those
	 * of start-up traces.
	 * @param traces the stored traces
	 * @param maxRows the largest number of rows returned
	 * @return the findings that cost the most time, that first
	 */
	static List<Finding> of(List<Trace> traces, int maxRows) {
		Map<Key, Finding> rows = new HashMap<>();
		for (Trace trace : traces) {
			LocalRoots localRoots = new LocalRoots(trace);
			for (StoredSpan span : trace.spans()) {
				StoredSpan localRoot = localRoots.of(span);
				if (QuerySpans.isStartup(localRoot)) {
					continue; // a pool filling up and scripts running at start-up are not
								// what requests pay for
				}
				String endpoint = localRoot.name();
				for (StoredEvent event : span.events()) {
					if (QuerySpans.N_PLUS_ONE_EVENT.equals(event.name())) {
						String text = event.attributes().get(QuerySpans.DB_QUERY_TEXT);
						Long repeats = event.attributes().get(REPEATS);
						Double ms = event.attributes().get(REPEATS_MS);
						add(rows, FindingKind.N_PLUS_ONE, endpoint, (text != null) ? text : span.name(),
								(repeats != null) ? repeats : 0, (ms != null) ? ms : 0, trace);
					}
				}
				if (Boolean.TRUE.equals(span.attributes().get(POOL_WAIT))) {
					String pool = span.attributes().get(POOL_NAME);
					add(rows, FindingKind.POOL_WAIT, endpoint, (pool != null) ? pool : span.name(), 1, millis(span),
							trace);
				}
				if (QuerySpans.isQuery(span)) {
					queryFindings(rows, span, endpoint, trace);
				}
			}
		}
		return rows.values()
			.stream()
			.sorted(Comparator.comparingDouble((Finding row) -> row.totalMs)
				.reversed()
				.thenComparing((row) -> row.kind)
				.thenComparing((row) -> row.endpoint)
				.thenComparing((row) -> row.statement))
			.limit(maxRows)
			.toList();
	}

	private static void queryFindings(Map<Key, Finding> rows, StoredSpan span, String endpoint, Trace trace) {
		String statement = QuerySpans.statement(span);
		String shown = (statement != null) ? statement : QuerySpans.summary(span);
		if (span.isError()) {
			add(rows, FindingKind.FAILED_QUERY, endpoint, shown, 1, millis(span), trace);
		}
		if (Boolean.TRUE.equals(span.attributes().get(SLOW))) {
			add(rows, FindingKind.SLOW_QUERY, endpoint, shown, 1, millis(span), trace);
		}
		if (Boolean.TRUE.equals(span.attributes().get(LARGE_RESULT))) {
			Finding row = add(rows, FindingKind.LARGE_RESULT, endpoint, shown, 1, millis(span), trace);
			Long returned = span.attributes().get(RETURNED_ROWS);
			if (returned != null) {
				row.maxRows = Math.max(row.maxRows, returned);
			}
		}
	}

	private static Finding add(Map<Key, Finding> rows, FindingKind kind, String endpoint, String statement, long count,
			double ms, Trace trace) {
		Finding row = rows.computeIfAbsent(new Key(kind, endpoint, statement),
				(key) -> new Finding(kind, endpoint, statement));
		row.count += count;
		row.totalMs += ms;
		row.example(trace);
		return row;
	}

	private void example(Trace trace) {
		for (Example example : this.examples) {
			if (example.traceId().equals(trace.traceId())) {
				return;
			}
		}
		this.examples.add(new Example(trace.traceId(), trace.startEpochNanos()));
		this.examples.sort(Comparator.comparingLong(Example::startEpochNanos).reversed());
		if (this.examples.size() > MAX_EXAMPLES) {
			this.examples.remove(MAX_EXAMPLES);
		}
	}

	private static double millis(StoredSpan span) {
		return span.durationNanos() / 1e6;
	}

	FindingKind kind() {
		return this.kind;
	}

	String endpoint() {
		return this.endpoint;
	}

	String statement() {
		return this.statement;
	}

	long count() {
		return this.count;
	}

	double totalMs() {
		return this.totalMs;
	}

	/**
	 * Return the one sentence that says what to look at: for a large result, with the
	 * most rows it returned, when its spans say.
	 * @return the hint
	 */
	String hint() {
		if (this.kind == FindingKind.LARGE_RESULT && this.maxRows > 0) {
			return String.format(Locale.ROOT, "This statement returned up to %,d rows to the application: page it, "
					+ "filter in the database, or select only the columns the code uses.", this.maxRows);
		}
		return this.kind.hint();
	}

	/**
	 * Return the newest traces that show this finding.
	 * @return at most {@value #MAX_EXAMPLES} trace ids, newest first
	 */
	List<String> exampleTraceIds() {
		return this.examples.stream().map(Example::traceId).toList();
	}

	private record Key(FindingKind kind, String endpoint, String statement) {
	}

	private record Example(String traceId, long startEpochNanos) {
	}

}
