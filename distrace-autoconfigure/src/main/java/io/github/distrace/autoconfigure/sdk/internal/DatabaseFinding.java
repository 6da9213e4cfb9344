package io.github.distrace.autoconfigure.sdk.internal;

/**
 * Something database insight found below a local root: an N+1, a slow statement, a large
 * result, a long wait for a connection. Named after the span attribute that marks it, and
 * told apart by the one attribute that says where it happened.
 * <p>
 * Internal: not for use outside distrace.
 *
 * @param kind the attribute that marks it: {@link #N_PLUS_ONE}, {@link #SLOW},
 * {@link #LARGE_RESULT} or {@link #POOL_WAIT}
 * @param key the attribute that says where: {@code db.query.summary}, or
 * {@code db.client.connection.pool.name} for a pool wait
 * @param value that attribute's value
 * @author distrace
 */
public record DatabaseFinding(String kind, String key, String value) {

	/**
	 * One statement run again and again below one span.
	 */
	public static final String N_PLUS_ONE = "distrace.db.n_plus_one";

	/**
	 * A statement at or above the slow-query threshold.
	 */
	public static final String SLOW = "distrace.db.slow";

	/**
	 * A statement whose result had at least the large-result threshold of rows.
	 */
	public static final String LARGE_RESULT = "distrace.db.large_result";

	/**
	 * A wait for a connection at or above the pool-wait threshold.
	 */
	public static final String POOL_WAIT = "distrace.db.pool_wait";

}
