package io.github.distrace.autoconfigure.jdbc;

import java.sql.SQLException;

import io.github.distrace.DistraceAttributes;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties.SlowQuery;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties.StatementMode;
import io.github.distrace.autoconfigure.sql.QuerySpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * What a query span gets when its statement turned out slow or failed: the slow mark, the
 * bind values and the plan, as configured. Every statement pays only for reading its
 * span's duration; the rest is done for the rare statement that needs it, just before its
 * span ends.
 *
 * @author distrace
 */
final class SlowQueries {

	static final AttributeKey<Boolean> SLOW = DistraceAttributes.DB_SLOW;

	static final String EXPLAIN_EVENT = DistraceAttributes.DB_EXPLAIN_EVENT;

	static final AttributeKey<String> PLAN = DistraceAttributes.DB_PLAN;

	static final AttributeKey<String> PLAN_ERROR = DistraceAttributes.DB_PLAN_ERROR;

	private final long thresholdNanos;

	private final boolean captureParameters;

	private final boolean explain;

	private final boolean rawErrors;

	private final ExplainBudget budget;

	private final int explainPerMinute;

	SlowQueries(DistraceJdbcProperties properties) {
		SlowQuery slowQuery = properties.getSlowQuery();
		this.thresholdNanos = slowQuery.getThreshold().toNanos();
		this.captureParameters = slowQuery.isCaptureParameters();
		this.explain = slowQuery.isExplain();
		this.rawErrors = properties.getStatement() == StatementMode.RAW;
		this.explainPerMinute = slowQuery.getExplainPerMinute();
		this.budget = new ExplainBudget(this.explainPerMinute);
	}

	/**
	 * Whether statements must keep their bind values, to show them or to request plans.
	 * @return whether prepared statements keep {@link BindValues}
	 */
	boolean keepsBindValues() {
		return this.captureParameters || this.explain;
	}

	/**
	 * Complete a query span whose statement has just returned or thrown, before it ends.
	 * @param span the query span
	 * @param query what the span was made of
	 * @param connection the connection the statement ran on
	 * @param sql the statement, or {@code null} for a batch
	 * @param values its bind values, or {@code null} when not kept or not a prepared
	 * statement
	 * @param failure what the statement threw, or {@code null}
	 */
	void ending(Span span, QuerySpan query, TracedConnection connection, @Nullable String sql,
			@Nullable BindValues values, @Nullable Throwable failure) {
		// Only the SDK's spans know their duration, and a span that is not recorded needs
		// nothing.
		if (!(span instanceof ReadableSpan readable)) {
			return;
		}
		boolean slow = readable.getLatencyNanos() >= this.thresholdNanos;
		if (!slow && failure == null) {
			return;
		}
		try {
			complete(span, query, connection, sql, values, failure, slow);
		}
		catch (RuntimeException ex) {
			// Runs where the statement's result or exception is on its way: nothing may
			// replace it.
		}
	}

	private void complete(Span span, QuerySpan query, TracedConnection connection, @Nullable String sql,
			@Nullable BindValues values, @Nullable Throwable failure, boolean slow) {
		if (slow) {
			span.setAttribute(SLOW, true);
		}
		if (this.captureParameters && values != null) {
			values.addTo(span);
		}
		if (slow && this.explain && sql != null && query.explainable()) {
			String error = explainError(failure, values);
			if (error == null) {
				try {
					String plan = QueryPlans.explain(connection.delegate, query.database(), sql, values);
					span.addEvent(EXPLAIN_EVENT, Attributes.of(PLAN, plan));
					return;
				}
				catch (SQLException | RuntimeException ex) {
					error = "EXPLAIN failed: " + describe(ex);
				}
			}
			span.addEvent(EXPLAIN_EVENT, Attributes.of(PLAN_ERROR, error));
		}
	}

	// Why no plan is requested, checked before the budget is spent.
	private @Nullable String explainError(@Nullable Throwable failure, @Nullable BindValues values) {
		if (failure != null) {
			return "not requested: the statement failed, and its transaction may be aborted";
		}
		if (values != null && !values.canBindAgain()) {
			return "not requested: a parameter was set as a stream or LOB, which cannot be bound again";
		}
		if (!this.budget.tryTake()) {
			return "not requested: " + this.explainPerMinute
					+ " plans a minute already (distrace.jdbc.slow-query.explain-per-minute)";
		}
		return null;
	}

	// Drivers quote values in their messages: as on the query span, only with raw
	// statements.
	private String describe(Exception ex) {
		String sqlState = (ex instanceof SQLException sqlException) ? sqlException.getSQLState() : null;
		String what = (sqlState != null) ? "SQLSTATE " + sqlState : ex.getClass().getName();
		return (this.rawErrors && ex.getMessage() != null) ? what + ": " + ex.getMessage() : what;
	}

}
