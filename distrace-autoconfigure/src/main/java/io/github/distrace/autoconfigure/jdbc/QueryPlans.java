package io.github.distrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import io.github.distrace.autoconfigure.sql.DatabaseInfo;
import org.jspecify.annotations.Nullable;

/**
 * Asks a database for the plan of a statement with {@code EXPLAIN}, never
 * {@code EXPLAIN ANALYZE}, which would run it again. Runs on the application's own
 * connection, in its transaction, so that the plan is the one its statement got; the
 * application must see nothing of it. On PostgreSQL, where a failed statement aborts the
 * whole transaction, it runs inside a savepoint when a transaction is open; MariaDB,
 * MySQL and H2 undo only the failed statement, which changed nothing.
 *
 * @author distrace
 */
final class QueryPlans {

	static final int TIMEOUT_SECONDS = 2;

	static final int MAX_PLAN_LENGTH = 8192;

	private QueryPlans() {
	}

	/**
	 * Return what to put before a statement to get its plan from a database.
	 * @param database the database
	 * @return the prefix, or {@code null} when distrace does not ask this database
	 */
	static @Nullable String explainPrefix(DatabaseInfo database) {
		return switch (database.system()) {
			case "postgresql", "h2database" -> "EXPLAIN ";
			case "mariadb", "mysql" -> "EXPLAIN FORMAT=JSON ";
			default -> null;
		};
	}

	/**
	 * Request the plan of a statement.
	 * @param connection the connection it ran on, untraced
	 * @param database the database, one that {@link #explainPrefix} knows
	 * @param sql the statement, a single {@code SELECT}
	 * @param values its bind values, or {@code null} for a statement without parameters
	 * @return the plan, cut at {@value #MAX_PLAN_LENGTH} characters
	 * @throws SQLException what the driver threw, after the connection was restored
	 */
	static String explain(Connection connection, DatabaseInfo database, String sql, @Nullable BindValues values)
			throws SQLException {
		String explain = explainPrefix(database) + sql;
		Savepoint savepoint = (database.system().equals("postgresql") && !connection.getAutoCommit())
				? connection.setSavepoint() : null;
		try {
			String plan = (values != null) ? explainPrepared(connection, explain, values)
					: explainPlain(connection, explain);
			if (savepoint != null) {
				connection.releaseSavepoint(savepoint);
			}
			return plan;
		}
		catch (SQLException | RuntimeException ex) {
			if (savepoint != null) {
				try {
					connection.rollback(savepoint);
					connection.releaseSavepoint(savepoint);
				}
				catch (SQLException | RuntimeException rollbackFailure) {
					ex.addSuppressed(rollbackFailure);
				}
			}
			throw ex;
		}
	}

	private static String explainPrepared(Connection connection, String explain, BindValues values)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(explain)) {
			statement.setQueryTimeout(TIMEOUT_SECONDS);
			values.bindTo(statement);
			try (ResultSet plan = statement.executeQuery()) {
				return read(plan);
			}
		}
	}

	private static String explainPlain(Connection connection, String explain) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(TIMEOUT_SECONDS);
			try (ResultSet plan = statement.executeQuery(explain)) {
				return read(plan);
			}
		}
	}

	// PostgreSQL returns a row per line of its plan, H2 one row, MariaDB and MySQL one
	// JSON document.
	private static String read(ResultSet plan) throws SQLException {
		StringBuilder text = new StringBuilder();
		while (text.length() < MAX_PLAN_LENGTH && plan.next()) {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(plan.getString(1));
		}
		return (text.length() > MAX_PLAN_LENGTH) ? text.substring(0, MAX_PLAN_LENGTH) : text.toString();
	}

}
