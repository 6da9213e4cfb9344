package io.github.distrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows a query's result set gave the application, on its span, against a real
 * database through Spring Boot's Hikari pool: counted as they are read, whether the result
 * set is read fully, partly or not at all, and the span ends with the result set, or at the
 * latest with its statement or connection. Each subclass names one database.
 */
abstract class AbstractReturnedRowsTests {

	static final AttributeKey<Long> RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");

	static final AttributeKey<Boolean> LARGE_RESULT = AttributeKey.booleanKey("distrace.db.large_result");

	private static final int ROWS = 5;

	private final String table = "distrace_rows_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private final String selectAll = "SELECT id, status FROM " + this.table + " ORDER BY id";

	private InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final String url;

	private final String username;

	/**
	 * Describe the database under test.
	 * @param url its JDBC URL
	 * @param username the user, with an empty password
	 */
	AbstractReturnedRowsTests(String url, String username) {
		this.url = url;
		this.username = username;
	}

	private void run(String[] properties, DatabaseTest test) {
		this.exporter = InMemorySpanExporter.create();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
					DistraceJdbcAutoConfiguration.class, DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none", "spring.datasource.url=" + this.url,
					"spring.datasource.username=" + this.username, "spring.datasource.password=")
			.withPropertyValues(properties)
			.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.execute("CREATE TABLE " + this.table + " (id INT PRIMARY KEY, status VARCHAR(40))");
				try {
					for (int id = 1; id <= ROWS; id++) {
						jdbc.update("INSERT INTO " + this.table + " VALUES (?, ?)", id, "status-" + id);
					}
					this.exporter.reset();
					test.run(context, jdbc);
				}
				finally {
					jdbc.execute("DROP TABLE " + this.table);
				}
			});
	}

	private void run(DatabaseTest test) {
		run(new String[0], test);
	}

	@Test
	void rowsReadFullyAreCounted() {
		run((context, jdbc) -> {
			assertThat(jdbc.queryForList(this.selectAll)).hasSize(ROWS);
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(RETURNED_ROWS)).isEqualTo((long) ROWS);
			assertThat(span.getAttributes().get(LARGE_RESULT)).isNull();
		});
	}

	@Test
	void rowsReadPartlyCountOnlyThoseReadAndTheSpanEndsWhenTheResultSetIsClosed() {
		run((context, jdbc) -> {
			try (Connection connection = dataSource(context).getConnection();
					PreparedStatement statement = connection.prepareStatement(this.selectAll)) {
				ResultSet result = statement.executeQuery();
				assertThat(result.next()).isTrue();
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isEqualTo(2);
				assertThat(spans()).as("open while its result set is").isEmpty();
				result.close();
				assertThat(onlySpan().getAttributes().get(RETURNED_ROWS)).isEqualTo(2);
			}
			assertThat(spans()).hasSize(1);
		});
	}

	@Test
	void resultNeverReadCountsNoRowsAndEndsWithItsStatement() {
		run((context, jdbc) -> {
			try (Connection connection = dataSource(context).getConnection()) {
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(this.selectAll);
				assertThat(result.getStatement()).isSameAs(statement);
				assertThat(spans()).isEmpty();
				statement.close();
				assertThat(result.isClosed()).isTrue();
				assertThat(onlySpan().getAttributes().get(RETURNED_ROWS)).isZero();
			}
		});
	}

	@Test
	void resultNeverClosedEndsWithItsConnectionBeforeItGoesBackToThePool() {
		run((context, jdbc) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			Connection connection = dataSource(context).getConnection();
			PreparedStatement statement = connection.prepareStatement(this.selectAll);
			ResultSet result = statement.executeQuery();
			assertThat(result.next()).isTrue();
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isOne();
			connection.close();
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
			assertThat(onlySpan().getAttributes().get(RETURNED_ROWS)).isOne();
			// The pool hands the connection out again; its next statement is a span of its own.
			assertThat(jdbc.queryForList(this.selectAll)).hasSize(ROWS);
			assertThat(spans()).hasSize(2).allSatisfy((span) -> assertThat(span.hasEnded()).isTrue());
		});
	}

	@Test
	void largeResultIsMarkedFromTheThreshold() {
		run(new String[] { "distrace.jdbc.large-result.threshold=3" }, (context, jdbc) -> {
			assertThat(jdbc.queryForList(this.selectAll)).hasSize(ROWS);
			assertThat(jdbc.queryForList("SELECT id FROM " + this.table + " WHERE id <= ?", Integer.class, 3))
				.hasSize(3);
			assertThat(jdbc.queryForList("SELECT id FROM " + this.table + " WHERE id <= ?", Integer.class, 2))
				.hasSize(2);
			List<SpanData> spans = spans();
			assertThat(spans).extracting((span) -> span.getAttributes().get(RETURNED_ROWS))
				.containsExactly(5L, 3L, 2L);
			assertThat(spans).extracting((span) -> span.getAttributes().get(LARGE_RESULT))
				.containsExactly(true, true, null);
		});
	}

	@Test
	void executeThenGetResultSetIsCountedAndUpdatesCountNoRows() {
		run((context, jdbc) -> {
			try (Connection connection = dataSource(context).getConnection()) {
				try (Statement statement = connection.createStatement()) {
					assertThat(statement.execute(this.selectAll)).isTrue();
					ResultSet result = statement.getResultSet();
					assertThat(statement.getResultSet()).isSameAs(result);
					assertThat(count(result)).isEqualTo(ROWS);
					assertThat(spans()).isEmpty();
					result.close();
				}
				try (PreparedStatement statement = connection
					.prepareStatement("SELECT id FROM " + this.table + " WHERE id > ?")) {
					statement.setInt(1, 3);
					assertThat(statement.execute()).isTrue();
					assertThat(count(statement.getResultSet())).isEqualTo(2);
					assertThat(statement.getMoreResults()).isFalse();
					assertThat(spans()).hasSize(2);
				}
				try (Statement statement = connection.createStatement()) {
					assertThat(statement.execute("UPDATE " + this.table + " SET status = 'x' WHERE id = 1")).isFalse();
					assertThat(statement.getResultSet()).isNull();
				}
			}
			List<SpanData> spans = spans();
			assertThat(spans).extracting((span) -> span.getAttributes().get(RETURNED_ROWS))
				.containsExactly(5L, 2L, null);
		});
	}

	@Test
	void generatedKeysAreNotReturnedRows() {
		run((context, jdbc) -> {
			try (Connection connection = dataSource(context).getConnection();
					PreparedStatement insert = connection.prepareStatement(
							"INSERT INTO " + this.table + " (id, status) VALUES (?, ?)",
							Statement.RETURN_GENERATED_KEYS)) {
				insert.setInt(1, 6);
				insert.setString(2, "new");
				assertThat(insert.executeUpdate()).isOne();
				try (ResultSet keys = insert.getGeneratedKeys()) {
					while (keys.next()) {
						keys.getObject(1);
					}
				}
			}
			assertThat(onlySpan().getAttributes().get(RETURNED_ROWS)).isNull();
		});
	}

	@Test
	void spanLastsWhileItsRowsAreFetchedAndWorkBetweenThemIsNotItsChild() {
		run((context, jdbc) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span request = tracer.spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent();
					Connection connection = dataSource(context).getConnection();
					PreparedStatement statement = connection.prepareStatement(this.selectAll);
					ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					tracer.spanBuilder("row " + result.getInt(1)).startSpan().end();
				}
			}
			finally {
				request.end();
			}
			SpanData query = span("SELECT " + this.table);
			SpanData first = span("row 1");
			SpanData last = span("row " + ROWS);
			assertThat(query.getAttributes().get(RETURNED_ROWS)).isEqualTo((long) ROWS);
			assertThat(query.getStartEpochNanos()).isLessThanOrEqualTo(first.getStartEpochNanos());
			assertThat(query.getEndEpochNanos()).isGreaterThanOrEqualTo(last.getEndEpochNanos());
			assertThat(List.of(query, first, last))
				.allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(span("request").getSpanId()));
		});
	}

	@Test
	void executingAStatementAgainEndsTheSpanOfItsPreviousResult() {
		run((context, jdbc) -> {
			try (Connection connection = dataSource(context).getConnection();
					PreparedStatement statement = connection
						.prepareStatement("SELECT id FROM " + this.table + " WHERE id <= ?")) {
				statement.setInt(1, 4);
				ResultSet first = statement.executeQuery();
				assertThat(first.next()).isTrue();
				statement.setInt(1, 2);
				try (ResultSet second = statement.executeQuery()) {
					assertThat(spans()).as("the first, ended as the statement ran again").hasSize(1);
					assertThat(count(second)).isEqualTo(2);
				}
			}
			List<SpanData> spans = spans();
			assertThat(spans).extracting((span) -> span.getAttributes().get(RETURNED_ROWS)).containsExactly(1L, 2L);
			assertThat(spans.get(0).getEndEpochNanos()).isLessThanOrEqualTo(spans.get(1).getStartEpochNanos());
		});
	}

	private static DataSource dataSource(AssertableApplicationContext context) {
		return context.getBean(DataSource.class);
	}

	private static int count(ResultSet result) throws SQLException {
		int rows = 0;
		while (result.next()) {
			rows++;
		}
		return rows;
	}

	private List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	private SpanData onlySpan() {
		assertThat(spans()).hasSize(1);
		return spans().get(0);
	}

	private SpanData span(String name) {
		return spans().stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	@FunctionalInterface
	interface DatabaseTest {

		void run(AssertableApplicationContext context, JdbcTemplate jdbc) throws Exception;

	}

}
