package io.github.distrace.autoconfigure.r2dbc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

import io.github.distrace.autoconfigure.r2dbc.ReadingFlux.Reading;
import io.github.distrace.autoconfigure.sql.DatabaseInfo;
import io.github.distrace.autoconfigure.sql.ParsedStatement;
import io.github.distrace.autoconfigure.sql.QuerySpan;
import io.github.distrace.autoconfigure.sql.QuerySpans;
import io.github.distrace.autoconfigure.sql.StatementCache;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.DbAttributes;
import io.r2dbc.spi.Result;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Makes a query span for each execution of a statement or batch on the connections of one
 * connection factory. The span starts when the execution is subscribed, under the
 * OpenTelemetry context of the subscriber's Reactor context, and ends when its
 * {@link QueryExecution} is over.
 *
 * @author distrace
 */
final class R2dbcQueries {

	// Plans are requested for JDBC statements only: R2DBC gives no connection to ask on.
	private static final BiPredicate<DatabaseInfo, ParsedStatement> NOT_EXPLAINABLE = (database, parsed) -> false;

	private final R2dbcTracing tracing;

	private final DatabaseInfo database;

	R2dbcQueries(R2dbcTracing tracing, DatabaseInfo database) {
		this.tracing = tracing;
		this.database = database;
	}

	String comment(String sql) {
		return this.tracing.comment(sql);
	}

	/**
	 * Trace the execution of a statement.
	 * @param results what the driver's execution publishes
	 * @param sql the statement, as the application wrote it
	 * @param bindings the sets of bindings it runs with: more than one make it a batch
	 * @return the results, traced
	 */
	Flux<? extends Result> execute(Publisher<? extends Result> results, String sql, int bindings) {
		return Flux.deferContextual((reactorContext) -> {
			Context parent = R2dbcTracing.parent(reactorContext);
			return this.tracing.traces(parent) ? traced(results, parent, describe(sql, bindings)) : Flux.from(results);
		});
	}

	/**
	 * Trace the execution of a batch.
	 * @param results what the driver's execution publishes
	 * @param statements the batch's statements, as the application wrote them
	 * @return the results, traced
	 */
	Flux<? extends Result> execute(Publisher<? extends Result> results, List<String> statements) {
		return Flux.deferContextual((reactorContext) -> {
			Context parent = R2dbcTracing.parent(reactorContext);
			return (!statements.isEmpty() && this.tracing.traces(parent))
					? traced(results, parent, describe(statements)) : Flux.from(results);
		});
	}

	private Flux<Result> traced(Publisher<? extends Result> results, Context parent, QuerySpan query) {
		boolean countsRows = "SELECT".equals(query.attributes().get(DbAttributes.DB_OPERATION_NAME));
		QueryExecution execution = new QueryExecution(this.tracing, this.tracing.start(parent, query), countsRows);
		return new ReadingFlux<>(results, execution, Reading.RESULTS);
	}

	private QuerySpan describe(String sql, int bindings) {
		QuerySpans querySpans = this.tracing.querySpans();
		if (bindings <= 1) {
			return querySpans.of(this.database, sql, NOT_EXPLAINABLE);
		}
		// A statement run with several sets of bindings is a batch, as JDBC's
		// executeBatch.
		ParsedStatement parsed = querySpans.cache(this.database).get(sql);
		return querySpans.describe(this.database, List.of(sql), List.of(parsed), bindings, false);
	}

	private QuerySpan describe(List<String> batch) {
		StatementCache cache = this.tracing.querySpans().cache(this.database);
		Set<String> statements = new LinkedHashSet<>(batch);
		List<ParsedStatement> parsed = statements.stream().map(cache::get).toList();
		return this.tracing.querySpans().describe(this.database, statements, parsed, batch.size(), false);
	}

}
