package io.github.distrace.autoconfigure.sdk.internal;

import io.github.distrace.DistraceAttributes;

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
	public static final String N_PLUS_ONE = DistraceAttributes.DB_N_PLUS_ONE.getKey();

	/**
	 * A statement at or above the slow-query threshold.
	 */
	public static final String SLOW = DistraceAttributes.DB_SLOW.getKey();

	/**
	 * A statement whose result had at least the large-result threshold of rows.
	 */
	public static final String LARGE_RESULT = DistraceAttributes.DB_LARGE_RESULT.getKey();

	/**
	 * A wait for a connection at or above the pool-wait threshold.
	 */
	public static final String POOL_WAIT = DistraceAttributes.DB_POOL_WAIT.getKey();

}
