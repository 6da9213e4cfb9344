package io.github.distrace;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The names of the span attributes and events distrace adds beside OpenTelemetry's
 * semantic conventions, in one place: what its features write, and what its keep rules,
 * viewer and metrics read. Use them to read distrace's findings in a span processor or
 * exporter of your own, or to search for them in a tracing backend (docs/backends.md).
 *
 * @author distrace
 */
public final class DistraceAttributes {

	/**
	 * On a local root (a request, a consumed message): how many database statements and
	 * Redis commands ran below it.
	 */
	public static final AttributeKey<Long> DB_QUERY_COUNT = AttributeKey.longKey("distrace.db.query_count");

	/**
	 * On a local root: the milliseconds its database statements and Redis commands took
	 * in all.
	 */
	public static final AttributeKey<Double> DB_DURATION_MS = AttributeKey.doubleKey("distrace.db.duration_ms");

	/**
	 * On a local root, and on each span below which one statement ran again and again:
	 * {@code true} where an N+1 was found.
	 */
	public static final AttributeKey<Boolean> DB_N_PLUS_ONE = AttributeKey.booleanKey("distrace.db.n_plus_one");

	/**
	 * On a local root: the N+1s found beyond those reported as events.
	 */
	public static final AttributeKey<Long> DB_N_PLUS_ONE_UNREPORTED = AttributeKey
		.longKey("distrace.db.n_plus_one_unreported");

	/**
	 * On a local root: the milliseconds it waited for database connections at or above
	 * the pool-wait threshold.
	 */
	public static final AttributeKey<Double> DB_POOL_WAIT_MS = AttributeKey.doubleKey("distrace.db.pool_wait_ms");

	/**
	 * On a query span: a hash of the whole statement, which tells statements with the
	 * same summary apart.
	 */
	public static final AttributeKey<String> DB_QUERY_HASH = AttributeKey.stringKey("distrace.db.query_hash");

	/**
	 * On a Redis command's span: the command with the variable parts of its keys
	 * replaced, by which repeats are told.
	 */
	public static final AttributeKey<String> DB_QUERY_PATTERN = AttributeKey.stringKey("distrace.db.query_pattern");

	/**
	 * On a Redis command's span: {@code true} for a command sent in a pipeline or a
	 * transaction, which is never a repeat.
	 */
	public static final AttributeKey<Boolean> DB_PIPELINED = AttributeKey.booleanKey("distrace.db.pipelined");

	/**
	 * On a query span: {@code true} for a statement at or above the slow-query threshold.
	 */
	public static final AttributeKey<Boolean> DB_SLOW = AttributeKey.booleanKey("distrace.db.slow");

	/**
	 * On a query span: {@code true} for a statement that returned at least the
	 * large-result threshold of rows.
	 */
	public static final AttributeKey<Boolean> DB_LARGE_RESULT = AttributeKey.booleanKey("distrace.db.large_result");

	/**
	 * On the span of a wait for a connection: {@code true} for a wait at or above the
	 * pool-wait threshold.
	 */
	public static final AttributeKey<Boolean> DB_POOL_WAIT = AttributeKey.booleanKey("distrace.db.pool_wait");

	/**
	 * An event on a slow query's span that holds its plan.
	 */
	public static final String DB_EXPLAIN_EVENT = "distrace.db.explain";

	/**
	 * On {@link #DB_EXPLAIN_EVENT}: the plan, as the database gave it.
	 */
	public static final AttributeKey<String> DB_PLAN = AttributeKey.stringKey("distrace.db.plan");

	/**
	 * On {@link #DB_EXPLAIN_EVENT}: why there is no plan.
	 */
	public static final AttributeKey<String> DB_PLAN_ERROR = AttributeKey.stringKey("distrace.db.plan.error");

	/**
	 * An event on the span below which one statement ran again and again.
	 */
	public static final String N_PLUS_ONE_EVENT = "distrace.n_plus_one";

	/**
	 * On a local root kept by a keep rule that the head sampler would have dropped: the
	 * rule ({@code error}, {@code slow}, {@code n_plus_one}).
	 */
	public static final AttributeKey<String> SAMPLING_KEPT = AttributeKey.stringKey("distrace.sampling.kept");

	/**
	 * On the application's start-up trace: {@code true}.
	 */
	public static final AttributeKey<Boolean> STARTUP = AttributeKey.booleanKey("distrace.startup");

	private DistraceAttributes() {
	}

}
