package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.semconv.DbAttributes;
import org.jspecify.annotations.Nullable;

/**
 * A traced {@link Connection}: its statements are traced, and, if configured, its commits
 * and rollbacks get spans.
 *
 * @author distrace
 */
final class ConnectionHandler extends JdbcInvocationHandler {

	private final Connection target;

	private final JdbcTracing tracing;

	private @Nullable DatabaseInfo database;

	private ConnectionHandler(Connection target, JdbcTracing tracing) {
		super(target);
		this.target = target;
		this.tracing = tracing;
	}

	static Connection wrap(Connection connection, JdbcTracing tracing) {
		if (JdbcProxies.isTracedConnection(connection)) {
			return connection;
		}
		return JdbcProxies.proxy(Connection.class, new ConnectionHandler(connection, tracing));
	}

	JdbcTracing tracing() {
		return this.tracing;
	}

	// Read when the first statement runs, not when the connection is taken from the pool.
	DatabaseInfo database() {
		DatabaseInfo database = this.database;
		if (database == null) {
			database = this.tracing.database(this.target);
			this.database = database;
		}
		return database;
	}

	@Override
	@Nullable Object handle(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		return switch (method.getName()) {
			case "createStatement" -> statement((Connection) proxy, method, args, null);
			case "prepareStatement", "prepareCall" -> prepare((Connection) proxy, method, args);
			case "commit" -> transaction("COMMIT", method, args);
			case "rollback" -> transaction("ROLLBACK", method, args);
			default -> proceed(method, args);
		};
	}

	private @Nullable Object prepare(Connection proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (args == null || args.length == 0 || !(args[0] instanceof String sql)) {
			return proceed(method, args);
		}
		return statement(proxy, method, this.tracing.comment(args), sql);
	}

	private @Nullable Object statement(Connection proxy, Method method, @Nullable Object @Nullable [] args,
			@Nullable String sql) throws Throwable {
		Statement statement = (Statement) proceed(method, args);
		if (statement == null) {
			return null;
		}
		return JdbcProxies.proxy(method.getReturnType(), new StatementHandler(statement, proxy, this, sql));
	}

	private @Nullable Object transaction(String operation, Method method, @Nullable Object @Nullable [] args)
			throws Throwable {
		if (!this.tracing.properties().isTransactionSpans()) {
			return proceed(method, args);
		}
		AttributesBuilder attributes = Attributes.builder();
		database().addTo(attributes);
		attributes.put(DbAttributes.DB_OPERATION_NAME, operation);
		return this.tracing.span(operation, SpanKind.CLIENT, attributes.build(),
				() -> proceed(method, args));
	}

}
