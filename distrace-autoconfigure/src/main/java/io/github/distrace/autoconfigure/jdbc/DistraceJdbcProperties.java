package io.github.distrace.autoconfigure.jdbc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of query spans for {@code DataSource} beans. Validates itself when it is
 * bound, so that a wrong value stops start-up with the property named.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.jdbc")
public class DistraceJdbcProperties implements Validator {

	/**
	 * Whether to create a span for each statement executed through a DataSource bean.
	 */
	private boolean enabled = true;

	/**
	 * What the 'db.query.text' attribute holds: the statement with literals replaced by
	 * '?', the statement as written, or nothing. Only 'raw' also keeps the driver's error
	 * messages, which may quote values, on failed statements.
	 */
	private StatementMode statement = StatementMode.SANITIZED;

	/**
	 * Whether to append the trace context to each statement as a sqlcommenter comment,
	 * for database middleware and the database's own logs. Makes each statement text
	 * unique, which defeats prepared-statement caches.
	 */
	private boolean sqlcommenter;

	/**
	 * Whether to create a span for each connection taken from a DataSource, covering the
	 * time spent waiting for the pool.
	 */
	private boolean connectionSpans;

	/**
	 * Whether to create a span for each commit and rollback.
	 */
	private boolean transactionSpans;

	private final SlowQuery slowQuery = new SlowQuery();

	/**
	 * Statements that return many rows.
	 */
	private final LargeResult largeResult = new LargeResult();

	/**
	 * Waits for a connection from the pool.
	 */
	private final PoolWait poolWait = new PoolWait();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public StatementMode getStatement() {
		return this.statement;
	}

	public void setStatement(StatementMode statement) {
		this.statement = statement;
	}

	public boolean isSqlcommenter() {
		return this.sqlcommenter;
	}

	public void setSqlcommenter(boolean sqlcommenter) {
		this.sqlcommenter = sqlcommenter;
	}

	public boolean isConnectionSpans() {
		return this.connectionSpans;
	}

	public void setConnectionSpans(boolean connectionSpans) {
		this.connectionSpans = connectionSpans;
	}

	public boolean isTransactionSpans() {
		return this.transactionSpans;
	}

	public void setTransactionSpans(boolean transactionSpans) {
		this.transactionSpans = transactionSpans;
	}

	public SlowQuery getSlowQuery() {
		return this.slowQuery;
	}

	public LargeResult getLargeResult() {
		return this.largeResult;
	}

	public PoolWait getPoolWait() {
		return this.poolWait;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DistraceJdbcProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DistraceJdbcProperties properties = (DistraceJdbcProperties) target;
		SlowQuery slowQuery = properties.getSlowQuery();
		if (slowQuery.threshold.isNegative() || slowQuery.threshold.isZero()) {
			errors.rejectValue("slow-query.threshold", "out.of.range", "must be a positive duration, such as 500ms");
		}
		if (slowQuery.explainPerMinute < 1) {
			errors.rejectValue("slow-query.explain-per-minute", "out.of.range",
					"must be 1 or more; distrace.jdbc.slow-query.explain=false turns plans off");
		}
		if (properties.getLargeResult().threshold < 1) {
			errors.rejectValue("large-result.threshold", "out.of.range", "must be 1 or more");
		}
	}

	/**
	 * What is recorded of slow and failed statements.
	 */
	public static class SlowQuery {

		/**
		 * Duration at or above which a query span is marked 'distrace.db.slow'.
		 */
		private Duration threshold = Duration.ofMillis(500);

		/**
		 * Whether to record the bind values of slow and failed statements as
		 * 'db.query.parameter.<index>' attributes. They may hold personal data.
		 */
		private boolean captureParameters;

		/**
		 * Whether to add the plan of a slow SELECT on PostgreSQL, MariaDB, MySQL or H2 to
		 * its span, as a 'distrace.db.explain' event. EXPLAIN runs, without ANALYZE, on
		 * the statement's connection right after it.
		 */
		private boolean explain;

		/**
		 * Most plans requested per minute, across all data sources.
		 */
		private int explainPerMinute = 10;

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

		public boolean isCaptureParameters() {
			return this.captureParameters;
		}

		public void setCaptureParameters(boolean captureParameters) {
			this.captureParameters = captureParameters;
		}

		public boolean isExplain() {
			return this.explain;
		}

		public void setExplain(boolean explain) {
			this.explain = explain;
		}

		public int getExplainPerMinute() {
			return this.explainPerMinute;
		}

		public void setExplainPerMinute(int explainPerMinute) {
			this.explainPerMinute = explainPerMinute;
		}

	}

	/**
	 * Statements that return many rows to the application.
	 */
	public static class LargeResult {

		/**
		 * Rows read from a statement's result set from which its query span is marked
		 * 'distrace.db.large_result'.
		 */
		private long threshold = 1000;

		public long getThreshold() {
			return this.threshold;
		}

		public void setThreshold(long threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * Waits for a connection: the time spent in {@code DataSource.getConnection()}.
	 */
	public static class PoolWait {

		/**
		 * Time spent waiting for a connection from which the wait becomes a span of its
		 * own, and counts in distrace.db.pool_wait_ms on the local root span. Shorter
		 * waits cost no span.
		 */
		private Duration threshold = Duration.ofMillis(10);

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			// The binder names the property and the value around this message.
			if (threshold.isNegative()) {
				throw new IllegalArgumentException("must be zero or more (0 makes every wait a span)");
			}
			this.threshold = threshold;
		}

	}

	/**
	 * What a query span records of its statement.
	 */
	public enum StatementMode {

		/**
		 * The statement with string and number literals replaced by {@code ?} and
		 * {@code IN} lists collapsed, so that no value reaches a span.
		 */
		SANITIZED,

		/**
		 * The statement as the application wrote it, and the driver's error messages on
		 * failed statements; bind values are never part of the statement text.
		 */
		RAW,

		/**
		 * No statement text; the span still has its operation and table.
		 */
		OFF

	}

}
