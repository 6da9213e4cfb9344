package io.github.distrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.distrace.SqlCommenter;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties.StatementMode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

/**
 * What the traced data sources, connections and statements share: the tracer, the
 * settings, the caches, and how a span around a JDBC call is made.
 *
 * @author distrace
 */
final class JdbcTracing {

	// Set while a distrace JDBC span is open on this thread, so that a data source that
	// delegates to another traced one (a routing data source, a proxy) adds no second span.
	private static final ContextKey<Boolean> SPAN_OPEN = ContextKey.named("distrace-jdbc-span-open");

	private static final int MAX_DATABASES = 64;

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final DistraceJdbcProperties properties;

	private final StatementCache standardStatements = new StatementCache(false);

	private final StatementCache mysqlStatements = new StatementCache(true);

	private final Map<String, DatabaseInfo> databases = new ConcurrentHashMap<>();

	JdbcTracing(Tracer tracer, TextMapPropagator propagator, DistraceJdbcProperties properties) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.properties = properties;
	}

	DistraceJdbcProperties properties() {
		return this.properties;
	}

	static boolean isInsideJdbcSpan() {
		return Context.current().get(SPAN_OPEN) != null;
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
	 * Add the current trace context to the statement text of a JDBC call, if configured.
	 * @param args the call's arguments, the statement text first when it takes one
	 * @return the arguments to pass to the driver: the same array when nothing changes
	 */
	@Nullable Object @Nullable [] comment(@Nullable Object @Nullable [] args) {
		if (!this.properties.isSqlcommenter() || args == null || args.length == 0
				|| !(args[0] instanceof String sql)) {
			return args;
		}
		Object[] commented = args.clone();
		commented[0] = SqlCommenter.inject(sql, Context.current(), this.propagator);
		return commented;
	}

	/**
	 * Run a statement execution inside a query span.
	 * @param database the database
	 * @param statements the distinct statements executed (one unless a batch)
	 * @param batchSize the number of statements in a batch, or 0 if not a batch
	 * @param call the execution
	 * @return what the execution returned
	 * @throws Throwable what the execution threw, unchanged
	 */
	<T extends @Nullable Object> T query(DatabaseInfo database, Collection<String> statements, int batchSize, JdbcCall<T> call)
			throws Throwable {
		if (statements.isEmpty() || isInsideJdbcSpan()) {
			return call.call();
		}
		StatementCache cache = cache(database);
		List<ParsedStatement> parsed = new ArrayList<>(statements.size());
		statements.forEach((sql) -> parsed.add(cache.get(sql)));
		QuerySpan query = describe(database, statements, parsed, batchSize);
		return span(query.name(), SpanKind.CLIENT, query.attributes(), call);
	}

	/**
	 * Run the execution of one statement inside a query span. The span's name and attributes
	 * are built once per statement text and database, not for every execution.
	 * @param database the database
	 * @param sql the statement
	 * @param call the execution
	 * @return what the execution returned
	 * @throws Throwable what the execution threw, unchanged
	 */
	<T extends @Nullable Object> T query(DatabaseInfo database, String sql, JdbcCall<T> call) throws Throwable {
		if (isInsideJdbcSpan()) {
			return call.call();
		}
		QuerySpan query = cache(database).entry(sql)
			.span(database, (parsed) -> describe(database, List.of(sql), List.of(parsed), 0));
		return span(query.name(), SpanKind.CLIENT, query.attributes(), call);
	}

	private StatementCache cache(DatabaseInfo database) {
		return database.mysqlQuoting() ? this.mysqlStatements : this.standardStatements;
	}

	private QuerySpan describe(DatabaseInfo database, Collection<String> statements, List<ParsedStatement> parsed,
			int batchSize) {
		String operation = common(parsed, ParsedStatement::operation);
		String collection = common(parsed, ParsedStatement::collection);
		String procedure = common(parsed, ParsedStatement::procedure);
		if (batchSize > 1) {
			operation = (operation != null) ? "BATCH " + operation : "BATCH";
		}
		AttributesBuilder attributes = Attributes.builder();
		database.addTo(attributes);
		putIfNotNull(attributes, DbAttributes.DB_OPERATION_NAME, operation);
		putIfNotNull(attributes, DbAttributes.DB_COLLECTION_NAME, collection);
		putIfNotNull(attributes, DbAttributes.DB_STORED_PROCEDURE_NAME, procedure);
		if (batchSize > 1) {
			attributes.put(DbAttributes.DB_OPERATION_BATCH_SIZE, (long) batchSize);
		}
		StatementMode mode = this.properties.getStatement();
		if (mode != StatementMode.OFF) {
			StringJoiner text = new StringJoiner("; ");
			if (mode == StatementMode.RAW) {
				statements.forEach(text::add);
			}
			else {
				parsed.forEach((statement) -> text.add(statement.sanitized()));
			}
			attributes.put(DbAttributes.DB_QUERY_TEXT, text.toString());
		}
		String name = spanName(database, operation, (procedure != null) ? procedure : collection);
		return new QuerySpan(database, name, attributes.build());
	}

	/**
	 * Run a call inside a span that is current while it runs, unless another distrace JDBC
	 * span is already open.
	 * @param name the span name
	 * @param kind the span kind
	 * @param attributes the span attributes
	 * @param call the call
	 * @return what the call returned
	 * @throws Throwable what the call threw, unchanged, after it was recorded
	 */
	<T extends @Nullable Object> T span(String name, SpanKind kind, Attributes attributes, JdbcCall<T> call) throws Throwable {
		Context parent = Context.current();
		if (parent.get(SPAN_OPEN) != null) {
			return call.call();
		}
		Span span = this.tracer.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(kind)
			.setAllAttributes(attributes)
			.startSpan();
		try (Scope scope = parent.with(span).with(SPAN_OPEN, true).makeCurrent()) {
			return call.call();
		}
		catch (Throwable ex) {
			String sqlState = (ex instanceof SQLException sqlException) ? sqlException.getSQLState() : null;
			if (sqlState != null) {
				span.setAttribute(DbAttributes.DB_RESPONSE_STATUS_CODE, sqlState);
			}
			String errorType = (sqlState != null) ? sqlState : ex.getClass().getName();
			span.setAttribute(ErrorAttributes.ERROR_TYPE, errorType);
			if (this.properties.getStatement() == StatementMode.RAW) {
				span.setStatus(StatusCode.ERROR, ex.getMessage());
				span.recordException(ex);
			}
			else {
				// Drivers quote the offending values in their messages ("Key (email)=(...)
				// already exists"): keep them out, as bind values are kept out of the text.
				span.setStatus(StatusCode.ERROR, errorType);
				span.addEvent("exception", SqlErrors.withoutMessages(ex));
			}
			throw ex;
		}
		finally {
			span.end();
		}
	}

	private static String spanName(DatabaseInfo database, @Nullable String operation, @Nullable String target) {
		if (operation == null) {
			return database.system();
		}
		return (target != null) ? operation + " " + target : operation;
	}

	private static @Nullable String common(List<ParsedStatement> parsed,
			Function<ParsedStatement, @Nullable String> property) {
		String value = property.apply(parsed.get(0));
		for (ParsedStatement statement : parsed) {
			if (!Objects.equals(value, property.apply(statement))) {
				return null;
			}
		}
		return value;
	}

	private static void putIfNotNull(AttributesBuilder attributes,
			AttributeKey<String> key, @Nullable String value) {
		if (value != null) {
			attributes.put(key, value);
		}
	}

	/**
	 * The name and attributes of a query span.
	 *
	 * @param database the database they were made for
	 * @param name the span name
	 * @param attributes the span attributes
	 */
	record QuerySpan(DatabaseInfo database, String name, Attributes attributes) {

		boolean isFor(DatabaseInfo database) {
			return this.database == database || this.database.equals(database);
		}

	}

	/**
	 * A JDBC call that may throw anything the driver throws.
	 *
	 * @param <T> what the call returns
	 */
	@FunctionalInterface
	interface JdbcCall<T extends @Nullable Object> {

		T call() throws Throwable;

	}

}
