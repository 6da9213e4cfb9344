package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A traced {@link Statement}, {@link java.sql.PreparedStatement} or
 * {@link java.sql.CallableStatement}: one query span per execution, and one per batch.
 *
 * @author distrace
 */
final class StatementHandler extends JdbcInvocationHandler {

	// A batch of plain statements names at most this many distinct ones in its span.
	private static final int MAX_DISTINCT_BATCH_STATEMENTS = 32;

	private final Connection connection;

	private final ConnectionHandler owner;

	private final @Nullable String preparedSql;

	// Made on the first addBatch: most statements are never batched.
	private @Nullable Set<String> batch;

	private int batchSize;

	StatementHandler(Statement target, Connection connection, ConnectionHandler owner, @Nullable String preparedSql) {
		super(target);
		this.connection = connection;
		this.owner = owner;
		this.preparedSql = preparedSql;
	}

	@Override
	@Nullable Object handle(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		return switch (method.getName()) {
			case "getConnection" -> this.connection;
			case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> execute(method, args);
			case "executeBatch", "executeLargeBatch" -> executeBatch(method, args);
			case "addBatch" -> addBatch(method, args);
			case "clearBatch" -> {
				this.batch = null;
				this.batchSize = 0;
				yield proceed(method, args);
			}
			default -> proceed(method, args);
		};
	}

	private @Nullable Object execute(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		String sql = sqlArgument(args);
		if (sql == null) {
			sql = this.preparedSql;
		}
		if (sql == null) {
			return proceed(method, args);
		}
		JdbcTracing tracing = this.owner.tracing();
		// Commented inside the query span, so that the comment names the query span.
		return tracing.query(this.owner.database(), sql, () -> proceed(method, tracing.comment(args)));
	}

	private @Nullable Object executeBatch(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		List<String> statements = (this.batch != null) ? List.copyOf(this.batch) : List.of();
		int size = this.batchSize;
		// Executing a batch empties it, whether or not it succeeds.
		this.batch = null;
		this.batchSize = 0;
		return this.owner.tracing()
			.query(this.owner.database(), statements, size, () -> proceed(method, args));
	}

	private @Nullable Object addBatch(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		String sql = sqlArgument(args);
		String batched = (sql != null) ? sql : this.preparedSql;
		if (this.batch == null) {
			this.batch = new LinkedHashSet<>();
		}
		if (batched != null && this.batch.size() < MAX_DISTINCT_BATCH_STATEMENTS) {
			this.batch.add(batched);
		}
		Object result = proceed(method, this.owner.tracing().comment(args));
		this.batchSize++;
		return result;
	}

	private static @Nullable String sqlArgument(@Nullable Object @Nullable [] args) {
		return (args != null && args.length > 0 && args[0] instanceof String sql) ? sql : null;
	}

}
