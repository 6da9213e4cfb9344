package io.github.distrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.distrace.DistraceAttributes;
import io.github.distrace.SqlCommenter;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties.StatementMode;
import io.github.distrace.autoconfigure.sdk.internal.DatabaseFinding;
import io.github.distrace.autoconfigure.sdk.internal.RequestTracingCpu;
import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.github.distrace.autoconfigure.sql.DatabaseInfo;
import io.github.distrace.autoconfigure.sql.ParsedStatement;
import io.github.distrace.autoconfigure.sql.QuerySpan;
import io.github.distrace.autoconfigure.sql.QuerySpans;
import io.github.distrace.autoconfigure.sql.SqlErrors;
import io.github.distrace.autoconfigure.sql.StatementCache;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.common.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What the traced data sources, connections and statements share: the tracer, the
 * settings, the caches, and how a span around a JDBC call is made.
 *
 * @author distrace
 */
final class JdbcTracing {

	// Set while a distrace JDBC span is open on this thread, so that a data source that
	// delegates to another traced one (a routing data source, a proxy) adds no second
	// span.
	private static final ContextKey<Boolean> SPAN_OPEN = ContextKey.named("distrace-jdbc-span-open");

	private static final int MAX_DATABASES = 64;

	// On the span of a wait for a connection at or above the threshold, whatever made it.
	static final AttributeKey<Boolean> POOL_WAIT = DistraceAttributes.DB_POOL_WAIT;

	// OpenTelemetry's key, still incubating: the rows the application read from the
	// result.
	private static final AttributeKey<Long> RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");

	private static final AttributeKey<Boolean> LARGE_RESULT = AttributeKey.booleanKey(DatabaseFinding.LARGE_RESULT);

	// What a query span that ends without a result set counts: no rows, and no attribute.
	private static final long NO_RESULT = -1;

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final DistraceJdbcProperties properties;

	private final QuerySpans querySpans;

	private final Map<String, DatabaseInfo> databases = new ConcurrentHashMap<>();

	private final boolean unsampledParentsFollowed;

	private final SlowQueries slowQueries;

	private final long poolWaitThresholdNanos;

	private final long largeResultRows;

	/**
	 * Create an instance.
	 * @param tracer makes the spans
	 * @param propagator writes SQL comments
	 * @param properties the settings
	 * @param unsampledParentsFollowed whether the sampler drops every child of an
	 * unsampled parent, so that such a query needs no span at all
	 * @param maxTextLength the length past which the span limits cut an attribute value
	 */
	JdbcTracing(Tracer tracer, TextMapPropagator propagator, DistraceJdbcProperties properties,
			boolean unsampledParentsFollowed, int maxTextLength) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.properties = properties;
		this.unsampledParentsFollowed = unsampledParentsFollowed;
		this.querySpans = new QuerySpans(properties.getStatement() != StatementMode.OFF,
				properties.getStatement() == StatementMode.RAW, maxTextLength);
		this.slowQueries = new SlowQueries(properties);
		this.poolWaitThresholdNanos = properties.getPoolWait().getThreshold().toNanos();
		this.largeResultRows = properties.getLargeResult().getThreshold();
	}

	DistraceJdbcProperties properties() {
		return this.properties;
	}

	long poolWaitThresholdNanos() {
		return this.poolWaitThresholdNanos;
	}

	/**
	 * Return whether prepared statements keep their bind values.
	 * @return whether slow or failed statements show them or their plans need them
	 */
	boolean keepsBindValues() {
		return this.slowQueries.keepsBindValues();
	}

	/**
	 * Return what a connection's URL says about its database; read once per URL.
	 * @param connection the connection
	 * @return the database
	 */
	DatabaseInfo database(Connection connection) {
		String url;
		try {
			url = connection.getMetaData().getURL();
		}
		catch (SQLException | RuntimeException ex) {
			return DatabaseInfo.UNKNOWN;
		}
		if (url == null) {
			return DatabaseInfo.UNKNOWN;
		}
		DatabaseInfo database = this.databases.get(url);
		if (database == null) {
			database = DatabaseInfo.fromUrl(url);
			if (this.databases.size() < MAX_DATABASES) {
				this.databases.put(url, database);
			}
		}
		return database;
	}

	/**
	 * Add the current trace context to a statement's text, if configured.
	 * @param sql the statement
	 * @return the text to hand to the driver: the same text when nothing changes
	 */
	String comment(String sql) {
		// A null statement is the driver's to reject.
		if (!this.properties.isSqlcommenter() || sql == null) {
			return sql;
		}
		return SqlCommenter.inject(sql, Context.current(), this.propagator);
	}

	/**
	 * Return whether a span made now, under the given parent, could be recorded: not when
	 * another distrace JDBC span is open, and not when the parent was sampled out and the
	 * sampler follows it.
	 */
	boolean traces(Context parent) {
		return parent.get(SPAN_OPEN) == null
				&& !(this.unsampledParentsFollowed && UnsampledParents.isUnsampled(parent));
	}

	/**
	 * Run the execution of a batch inside a query span.
	 * @param connection the connection it runs on
	 * @param statements the distinct statements executed (one unless a batch)
	 * @param batchSize the number of statements in a batch, or 0 if not a batch
	 * @param values the bind values of its last row, or {@code null}
	 * @param call the execution
	 * @return what the execution returned
	 * @throws SQLException what the execution threw, unchanged
	 */
	<T extends @Nullable Object> T query(TracedConnection connection, Collection<String> statements, int batchSize,
			@Nullable BindValues values, JdbcCall<T> call) throws SQLException {
		long mark = RequestTracingCpu.enter();
		Context parent = Context.current();
		if (statements.isEmpty() || !traces(parent)) {
			RequestTracingCpu.exit(mark);
			return call.call();
		}
		DatabaseInfo database = connection.database();
		StatementCache cache = this.querySpans.cache(database);
		List<ParsedStatement> parsed = new ArrayList<>(statements.size());
		statements.forEach((sql) -> parsed.add(cache.get(sql)));
		QuerySpan query = describe(database, statements, parsed, batchSize);
		return querySpan(parent, query, connection, null, values, call, mark);
	}

	/**
	 * Run the execution of one statement inside a query span. The span's name and
	 * attributes are built once per statement text and database, not for every execution,
	 * and not at all when the span would not be recorded.
	 * @param connection the connection it runs on
	 * @param sql the statement
	 * @param values its bind values, or {@code null}
	 * @param call the execution
	 * @return what the execution returned
	 * @throws SQLException what the execution threw, unchanged
	 */
	<T extends @Nullable Object> T query(TracedConnection connection, @Nullable String sql, @Nullable BindValues values,
			JdbcCall<T> call) throws SQLException {
		long mark = RequestTracingCpu.enter();
		Context parent = Context.current();
		if (sql == null || !traces(parent)) {
			RequestTracingCpu.exit(mark);
			return call.call();
		}
		QuerySpan query = describe(connection.database(), sql);
		return querySpan(parent, query, connection, sql, values, call, mark);
	}

	/**
	 * Run an execution that may return a result set inside a query span that, when it
	 * does, stays open until the result set is closed: so that the span counts the rows
	 * the application reads, and lasts while they are fetched. Without a result set, or
	 * when the span is not recorded, the span ends when the execution returns.
	 * @param statement the statement executed
	 * @param sql its text
	 * @param values its bind values, or {@code null}
	 * @param call the execution, returning its result set or {@code null}
	 * @return the result set, traced when its span is recorded
	 * @throws SQLException what the execution threw, unchanged
	 */
	@Nullable ResultSet queryForResult(TracedStatement statement, @Nullable String sql, @Nullable BindValues values,
			JdbcCall<@Nullable ResultSet> call) throws SQLException {
		long mark = RequestTracingCpu.enter();
		Context parent = Context.current();
		if (sql == null || !traces(parent)) {
			RequestTracingCpu.exit(mark);
			return call.call();
		}
		TracedConnection connection = statement.connection();
		QuerySpan query = describe(connection.database(), sql);
		Span span = startSpan(parent, query.name(), SpanKind.CLIENT, query.attributes());
		ResultSet result;
		Scope scope = parent.with(span).with(SPAN_OPEN, true).makeCurrent();
		RequestTracingCpu.exit(mark);
		try {
			result = call.call();
		}
		catch (Throwable ex) {
			scope.close();
			failed(span, ex);
			endQuery(span, query, connection, sql, values, ex, NO_RESULT);
			throw ex;
		}
		long endMark = RequestTracingCpu.enter();
		try {
			scope.close();
			if (result == null || !span.isRecording()) {
				endQuery(span, query, connection, sql, values, null, NO_RESULT);
				return result;
			}
			TracedResultSet traced = new TracedResultSet(result, statement, span, query, sql, values);
			statement.opened(traced);
			return traced;
		}
		finally {
			RequestTracingCpu.exit(endMark);
		}
	}

	/**
	 * End a query span: mark its rows, and complete it as a slow or failed statement's.
	 * @param span the span
	 * @param query what it was made of
	 * @param connection the connection its statement ran on, still open
	 * @param sql the statement, or {@code null} for a batch
	 * @param values its bind values, or {@code null}
	 * @param failure what the statement or the fetching of its rows threw, or
	 * {@code null}
	 * @param rows the rows read from its result set, or {@link #NO_RESULT}
	 */
	void endQuery(Span span, QuerySpan query, TracedConnection connection, @Nullable String sql,
			@Nullable BindValues values, @Nullable Throwable failure, long rows) {
		// A section of its own too: a result set's span ends when the application closes
		// it.
		long mark = RequestTracingCpu.enter();
		if (rows != NO_RESULT) {
			span.setAttribute(RETURNED_ROWS, rows);
			if (rows >= this.largeResultRows) {
				span.setAttribute(LARGE_RESULT, true);
			}
		}
		this.slowQueries.ending(span, query, connection, sql, values, failure);
		span.end();
		RequestTracingCpu.exit(mark);
	}

	// Built once per statement text and database, and cached with the parsed statement.
	private QuerySpan describe(DatabaseInfo database, String sql) {
		return this.querySpans.of(database, sql, JdbcTracing::isExplainable);
	}

	private QuerySpan describe(DatabaseInfo database, Collection<String> statements, List<ParsedStatement> parsed,
			int batchSize) {
		boolean explainable = parsed.size() == 1 && batchSize == 0 && isExplainable(database, parsed.get(0));
		return this.querySpans.describe(database, statements, parsed, batchSize, explainable);
	}

	// EXPLAIN followed by a second statement would run that one: only one SELECT is
	// explained.
	private static boolean isExplainable(DatabaseInfo database, ParsedStatement statement) {
		String text = statement.sanitized().strip();
		int semicolon = text.indexOf(';');
		return "SELECT".equals(statement.operation()) && (semicolon < 0 || semicolon == text.length() - 1)
				&& QueryPlans.explainPrefix(database) != null;
	}

	/**
	 * Run a call inside a span that is current while it runs, unless another distrace
	 * JDBC span is already open.
	 * @param name the span name
	 * @param kind the span kind
	 * @param attributes the span attributes
	 * @param call the call
	 * @return what the call returned
	 * @throws SQLException what the call threw, unchanged, after it was recorded
	 */
	<T extends @Nullable Object> T span(String name, SpanKind kind, Attributes attributes, JdbcCall<T> call)
			throws SQLException {
		Context parent = Context.current();
		return traces(parent) ? span(parent, name, kind, attributes, call) : call.call();
	}

	private <T extends @Nullable Object> T span(Context parent, String name, SpanKind kind, Attributes attributes,
			JdbcCall<T> call) throws SQLException {
		Span span = startSpan(parent, name, kind, attributes);
		try (Scope scope = parent.with(span).with(SPAN_OPEN, true).makeCurrent()) {
			return call.call();
		}
		catch (Throwable ex) {
			failed(span, ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	// A span made of a query span's cached parts, completed as a slow or failed
	// statement's before it ends. The mark is that of RequestTracingCpu's section,
	// entered when the statement was described.
	private <T extends @Nullable Object> T querySpan(Context parent, QuerySpan query, TracedConnection connection,
			@Nullable String sql, @Nullable BindValues values, JdbcCall<T> call, long mark) throws SQLException {
		Span span = startSpan(parent, query.name(), SpanKind.CLIENT, query.attributes());
		Throwable failure = null;
		Scope scope = parent.with(span).with(SPAN_OPEN, true).makeCurrent();
		RequestTracingCpu.exit(mark);
		try {
			return call.call();
		}
		catch (Throwable ex) {
			failure = ex;
			failed(span, ex);
			throw ex;
		}
		finally {
			long endMark = RequestTracingCpu.enter();
			scope.close();
			endQuery(span, query, connection, sql, values, failure, NO_RESULT);
			RequestTracingCpu.exit(endMark);
		}
	}

	private Span startSpan(Context parent, String name, SpanKind kind, Attributes attributes) {
		return this.tracer.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(kind)
			.setAllAttributes(attributes)
			.startSpan();
	}

	void failed(Span span, Throwable ex) {
		String sqlState = (ex instanceof SQLException sqlException) ? sqlException.getSQLState() : null;
		SqlErrors.failed(span, ex, sqlState, this.properties.getStatement() == StatementMode.RAW);
	}

	/**
	 * Return the context to take a connection in: marked, so that a traced data source
	 * that this one delegates to records no second wait.
	 * @param parent the current context, for which {@link #traces(Context)} holds
	 * @return the context to make current while the connection is taken
	 */
	Context acquiring(Context parent) {
		return parent.with(SPAN_OPEN, true);
	}

	/**
	 * Record a wait for a connection as a span that ends now and began
	 * {@code waitedNanos} ago: made only after the wait, so that a fast acquisition costs
	 * no span at all.
	 * @param parent the context the connection was asked for in
	 * @param name the span name
	 * @param attributes the span's attributes
	 * @param waitedNanos how long the wait took
	 * @param counts the pool's counts, if it has any
	 * @param failure why no connection was had, or {@code null}
	 */
	void poolWait(Context parent, String name, Attributes attributes, long waitedNanos, @Nullable PoolCounts counts,
			@Nullable Throwable failure) {
		long end = Clock.getDefault().now();
		Span span = this.tracer.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(SpanKind.INTERNAL)
			.setAllAttributes(attributes)
			.setStartTimestamp(end - waitedNanos, TimeUnit.NANOSECONDS)
			.startSpan();
		try {
			if (span.isRecording() && attributes.get(POOL_WAIT) != null) {
				markPoolWait(span, counts);
			}
			if (failure != null) {
				failed(span, failure);
			}
		}
		finally {
			span.end(end, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Add a pool's counts to the span of a wait at or above the threshold, and mark it
	 * so.
	 * @param span the span
	 * @param counts the pool's counts, if it has any
	 */
	void markPoolWait(Span span, @Nullable PoolCounts counts) {
		span.setAttribute(POOL_WAIT, true);
		if (counts == null) {
			return;
		}
		try {
			counts.addTo(span);
		}
		catch (RuntimeException ex) {
			// The counts are extra: a pool that cannot tell them (one shutting down)
			// still gets its span, and the application its connection.
		}
	}

	/**
	 * A JDBC call, throwing what the driver throws.
	 *
	 * @param <T> what the call returns
	 */
	@FunctionalInterface
	interface JdbcCall<T extends @Nullable Object> {

		T call() throws SQLException;

	}

}
