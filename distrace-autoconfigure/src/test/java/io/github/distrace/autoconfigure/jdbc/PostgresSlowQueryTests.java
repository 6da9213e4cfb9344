package io.github.distrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

import javax.sql.DataSource;

import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Slow and failed statements against PostgreSQL, database {@code test}, user
 * {@code postgres}, slow by {@code pg_sleep}; and what a plan must not do to the
 * application's transaction there, where a failed statement aborts it.
 */
@RequiresDatabase(name = "PostgreSQL", port = 5432)
class PostgresSlowQueryTests extends AbstractSlowQueryTests {

	PostgresSlowQueryTests() {
		super("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
				"SELECT status FROM %1$s WHERE id = ? AND (SELECT true FROM pg_sleep(%2$s / 1000.0))");
	}

	@Test
	void statementsOfAnAbortedTransactionGetNoPlanAndDoNoHarm() {
		run(new String[] { SLOW, CAPTURE, EXPLAIN }, (context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate("INSERT INTO " + this.table + " VALUES (2, 'paid', 20)");
					statement.execute("SET LOCAL statement_timeout = '" + SLEEP_MILLIS + "ms'");
				}
				// Slow, then cancelled by the timeout: the transaction is aborted.
				try (PreparedStatement select = connection.prepareStatement(slowSelect(10_000))) {
					select.setInt(1, 1);
					assertThat(catchThrowableOfType(SQLException.class, select::executeQuery).getSQLState())
						.isEqualTo("57014");
				}
				try (PreparedStatement select = connection
					.prepareStatement("SELECT status FROM " + this.table + " WHERE id = ?")) {
					select.setInt(1, 2);
					assertThat(catchThrowableOfType(SQLException.class, select::executeQuery).getSQLState())
						.isEqualTo("25P02");
				}
				connection.rollback();
				assertThat(connection.getAutoCommit()).isFalse();
				assertThat(count(connection)).isOne();
				connection.commit();
				connection.setAutoCommit(true);
			}
			List<SpanData> spans = spans();
			assertThat(spans).hasSize(5);
			SpanData cancelled = spans.get(2);
			assertThat(cancelled.getAttributes().get(SLOW_MARK)).isTrue();
			assertThat(cancelled.getAttributes().get(parameter(0))).isEqualTo("1");
			assertThat(planError(cancelled)).contains("the statement failed");
			SpanData inAbortedTransaction = spans.get(3);
			assertThat(inAbortedTransaction.getAttributes().get(parameter(0))).isEqualTo("2");
			assertThat(explainEvents(inAbortedTransaction))
				.allSatisfy((event) -> assertThat(event.getAttributes().get(PLAN)).isNull());
		});
	}

	@Test
	void planThatFailsLeavesTheTransactionUsable() {
		run(new String[] { SLOW, EXPLAIN, "distrace.jdbc.statement=raw" }, (context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate("INSERT INTO " + this.table + " VALUES (2, 'paid', 20)");
				}
				// Bound again with setObject(1, "2"), a varchar, the EXPLAIN fails on "id
				// = varchar".
				try (PreparedStatement select = connection.prepareStatement(slowSelect())) {
					select.setObject(1, "2", Types.INTEGER);
					try (ResultSet result = select.executeQuery()) {
						assertThat(result.next()).isTrue();
						assertThat(result.getString(1)).isEqualTo("paid");
					}
				}
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate("UPDATE " + this.table + " SET total = 21 WHERE id = 2");
				}
				connection.commit();
				connection.setAutoCommit(true);
				assertThat(count(connection)).isEqualTo(2);
			}
			assertThat(planError(spans().get(1))).startsWith("EXPLAIN failed: SQLSTATE 42883")
				.contains("operator does not exist");
			assertThat(jdbc.queryForObject("SELECT total FROM " + this.table + " WHERE id = 2", Integer.class))
				.isEqualTo(21);
		});
	}

	private int count(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM " + this.table)) {
			result.next();
			return result.getInt(1);
		}
	}

}
