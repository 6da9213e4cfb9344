package io.github.distrace.autoconfigure.ui;

import java.util.Locale;

/**
 * What a row of the Findings view is about, with the one sentence that says what to look
 * at.
 *
 * @author distrace
 */
enum FindingKind {

	/**
	 * A statement repeated below one span: the repeats' time is what it cost.
	 */
	N_PLUS_ONE("The same statement ran again and again in one request: load the rows in one query, "
			+ "with a join or an IN list, or batch the calls."),

	/**
	 * A statement at or above {@code distrace.jdbc.slow-query.threshold}.
	 */
	SLOW_QUERY("This statement is slow: read its plan (distrace.jdbc.slow-query.explain) for a missing "
			+ "index or a full scan, and check what it returns."),

	/**
	 * A statement that returned at least {@code distrace.jdbc.large-result.threshold}
	 * rows.
	 */
	LARGE_RESULT("This statement returns many rows: page it, filter in the database, or select only "
			+ "the columns the code uses."),

	/**
	 * A wait for a connection at or above {@code distrace.jdbc.pool-wait.threshold}.
	 */
	POOL_WAIT("Requests waited for a free connection: the pool is too small for the load, or "
			+ "connections are held too long (slow statements, calls made inside transactions)."),

	/**
	 * A statement that failed.
	 */
	FAILED_QUERY("This statement failed: open an example trace for the error it returned.");

	private final String value = name().toLowerCase(Locale.ROOT);

	private final String hint;

	FindingKind(String hint) {
		this.hint = hint;
	}

	/**
	 * Return the name in the JSON, such as {@code n_plus_one}.
	 * @return the name
	 */
	String value() {
		return this.value;
	}

	String hint() {
		return this.hint;
	}

}
