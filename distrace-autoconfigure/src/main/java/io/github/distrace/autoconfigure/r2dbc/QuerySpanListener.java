package io.github.distrace.autoconfigure.r2dbc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

import io.github.distrace.autoconfigure.sql.DatabaseInfo;
import io.github.distrace.autoconfigure.sql.ParsedStatement;
import io.github.distrace.autoconfigure.sql.QuerySpan;
import io.github.distrace.autoconfigure.sql.QuerySpans;
import io.github.distrace.autoconfigure.sql.StatementCache;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.DbAttributes;
import io.r2dbc.proxy.core.ExecutionType;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.core.QueryInfo;
import io.r2dbc.proxy.core.ValueStore;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Makes a query span for each execution of a statement or batch of one connection
 * factory. R2DBC Proxy calls back when the execution's publisher is subscribed, for each
 * row the application maps, and once its results were read, it failed or it was
 * cancelled, which is when the span ends.
 *
 * @author distrace
 */
final class QuerySpanListener implements ProxyExecutionListener {

	// Plans are requested for JDBC statements only: R2DBC gives no connection to ask on.
	private static final BiPredicate<DatabaseInfo, ParsedStatement> NOT_EXPLAINABLE = (database, parsed) -> false;

	private final R2dbcTracing tracing;

	private final DatabaseInfo database;

	QuerySpanListener(R2dbcTracing tracing, DatabaseInfo database) {
		this.tracing = tracing;
		this.database = database;
	}

	@Override
	public void beforeQuery(QueryExecutionInfo execution) {
		ValueStore store = execution.getValueStore();
		Context parent = R2dbcTracing.parent(store.get(ContextView.class, ContextView.class));
		if (execution.getQueries().isEmpty() || !this.tracing.traces(parent)) {
			return;
		}
		QuerySpan query = describe(execution);
		boolean countsRows = "SELECT".equals(query.attributes().get(DbAttributes.DB_OPERATION_NAME));
		store.put(Execution.class, new Execution(this.tracing.start(parent, query), countsRows));
	}

	@Override
	public void eachQueryResult(QueryExecutionInfo execution) {
		Execution current = execution.getValueStore().get(Execution.class, Execution.class);
		if (current != null && execution.getThrowable() == null) {
			current.rows++;
		}
	}

	@Override
	public void afterQuery(QueryExecutionInfo execution) {
		Object current = execution.getValueStore().remove(Execution.class);
		if (current instanceof Execution ended) {
			// Not isSuccess(): a statement whose rows failed, and whose execution was then
			// cancelled, counts as a success there, as soon as it produced a result.
			this.tracing.end(ended.span, execution.getThrowable(), ended.countsRows ? ended.rows : -1);
		}
	}

	private QuerySpan describe(QueryExecutionInfo execution) {
		QuerySpans querySpans = this.tracing.querySpans();
		List<QueryInfo> queries = execution.getQueries();
		if (execution.getType() == ExecutionType.STATEMENT) {
			String sql = this.tracing.original(queries.get(0).getQuery());
			int bindings = execution.getBindingsSize();
			if (bindings <= 1) {
				return querySpans.of(this.database, sql, NOT_EXPLAINABLE);
			}
			// A statement run with several sets of bindings is a batch, as JDBC's executeBatch.
			ParsedStatement parsed = querySpans.cache(this.database).get(sql);
			return querySpans.describe(this.database, List.of(sql), List.of(parsed), bindings, false);
		}
		StatementCache cache = querySpans.cache(this.database);
		Set<String> statements = new LinkedHashSet<>();
		queries.forEach((query) -> statements.add(this.tracing.original(query.getQuery())));
		List<ParsedStatement> parsed = statements.stream().map(cache::get).toList();
		return querySpans.describe(this.database, statements, parsed, queries.size(), false);
	}

	/**
	 * A statement's span while it runs, and the rows read so far; signals of one
	 * execution come one at a time, as Reactive Streams has them.
	 */
	private static final class Execution {

		private final Span span;

		private final boolean countsRows;

		private long rows;

		Execution(Span span, boolean countsRows) {
			this.span = span;
			this.countsRows = countsRows;
		}

	}

}
