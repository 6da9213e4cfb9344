package io.github.distrace.autoconfigure.jdbc;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Slow and failed statements against a real database: their mark, bind values and plans.
 * Slow statements are slow by construction: they sleep in the database for
 * {@value #SLEEP_MILLIS} ms, twice the threshold these tests set; statements that must be
 * fast run with a threshold of a minute.
 */
abstract class AbstractSlowQueryTests {

	static final int SLEEP_MILLIS = 100;

	static final String SLOW = "distrace.jdbc.slow-query.threshold=50ms";

	static final String NEVER_SLOW = "distrace.jdbc.slow-query.threshold=1m";

	static final String CAPTURE = "distrace.jdbc.slow-query.capture-parameters=true";

	static final String EXPLAIN = "distrace.jdbc.slow-query.explain=true";

	static final AttributeKey<Boolean> SLOW_MARK = AttributeKey.booleanKey("distrace.db.slow");

	static final AttributeKey<String> PLAN = AttributeKey.stringKey("distrace.db.plan");

	static final AttributeKey<String> PLAN_ERROR = AttributeKey.stringKey("distrace.db.plan.error");

	private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	/** Table every test creates and drops. */
	protected final String table = "distrace_slow_" + this.suffix;

	private InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final String url;

	private final String username;

	private final String slowSelect;

	/**
	 * Describe the database under test.
	 * @param url its JDBC URL
	 * @param username the user, with an empty password
	 * @param slowSelect a query of {@code status} from table {@code %1$s} by
	 * {@code id = ?} that sleeps {@code %2$s} milliseconds for the row it returns
	 */
	AbstractSlowQueryTests(String url, String username, String slowSelect) {
		this.url = url;
		this.username = username;
		this.slowSelect = slowSelect;
	}

	/**
	 * Prepare the database for {@code slowSelect}, once per test.
	 * @param jdbc the test's data source
	 */
	void createSleepFunction(JdbcTemplate jdbc) {
	}

	void run(String[] properties, DatabaseTest test) {
		this.exporter = InMemorySpanExporter.create();
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceJdbcAutoConfiguration.class,
							DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none", "spring.datasource.url=" + this.url,
					"spring.datasource.username=" + this.username, "spring.datasource.password=")
			.withPropertyValues(properties)
			.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				createSleepFunction(jdbc);
				jdbc.execute("CREATE TABLE " + this.table + " (id INT PRIMARY KEY, status VARCHAR(40), total INT)");
				try {
					jdbc.update("INSERT INTO " + this.table + " VALUES (1, 'new', 10)");
					this.exporter.reset();
					test.run(context, jdbc);
				}
				finally {
					jdbc.execute("DROP TABLE " + this.table);
				}
			});
	}

	String slowSelect() {
		return slowSelect(SLEEP_MILLIS);
	}

	String slowSelect(int sleepMillis) {
		return this.slowSelect.formatted(this.table, sleepMillis);
	}

	@Test
	void slowSelectCarriesItsMarkParametersAndPlan() {
		run(new String[] { SLOW, CAPTURE, EXPLAIN }, (context, jdbc) -> {
			assertThat(jdbc.queryForList(slowSelect(), String.class, 1)).containsExactly("new");
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(SLOW_MARK)).isTrue();
			assertThat(span.getAttributes().get(parameter(0))).isEqualTo("1");
			assertThat(span.getAttributes().get(parameter(1))).isNull();
			assertThat(plan(span)).containsIgnoringCase(this.table);
			assertThat(plan(span)).doesNotContainIgnoringCase("actual"); // EXPLAIN, not
																			// EXPLAIN
																			// ANALYZE
		});
	}

	@Test
	void slowSelectInATransactionLeavesTheTransactionAsItWas() {
		run(new String[] { SLOW, EXPLAIN }, (context, jdbc) -> {
			TransactionTemplate transaction = new TransactionTemplate(
					new DataSourceTransactionManager(context.getBean(DataSource.class)));
			transaction.executeWithoutResult((status) -> {
				jdbc.update("INSERT INTO " + this.table + " VALUES (2, 'paid', 20)");
				assertThat(jdbc.queryForList(slowSelect(), String.class, 2)).containsExactly("paid");
				jdbc.update("UPDATE " + this.table + " SET total = 21 WHERE id = 2");
			});
			assertThat(jdbc.queryForObject("SELECT total FROM " + this.table + " WHERE id = 2", Integer.class))
				.isEqualTo(21);
			SpanData select = spans().stream()
				.filter((span) -> span.getAttributes().get(SLOW_MARK) != null)
				.findFirst()
				.orElseThrow();
			assertThat(plan(select)).containsIgnoringCase(this.table);
			assertThat(select.getAttributes().get(parameter(0))).as("values kept, not shown").isNull();
		});
	}

	@Test
	void failedStatementCarriesItsParameters() {
		run(new String[] { NEVER_SLOW, CAPTURE, EXPLAIN }, (context, jdbc) -> {
			Throwable failure = catchThrowable(
					() -> jdbc.update("INSERT INTO " + this.table + " VALUES (?, ?, ?)", 1, "duplicate", null));
			assertThat(failure).isNotNull();
			SpanData span = onlySpan();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getAttributes().get(parameter(0))).isEqualTo("1");
			assertThat(span.getAttributes().get(parameter(1))).isEqualTo("duplicate");
			assertThat(span.getAttributes().get(parameter(2))).isEqualTo("<null>");
			assertThat(span.getAttributes().get(SLOW_MARK)).isNull();
			assertThat(explainEvents(span)).isEmpty();
		});
	}

	@Test
	void failedBatchCarriesTheParametersOfItsLastRow() {
		run(new String[] { NEVER_SLOW, CAPTURE }, (context, jdbc) -> {
			Throwable failure = catchThrowable(() -> jdbc.batchUpdate("INSERT INTO " + this.table + " VALUES (?, ?, ?)",
					List.of(new Object[] { 1, "duplicate", 5 }, new Object[] { 3, "last", 7 })));
			assertThat(failure).isNotNull();
			SpanData span = onlySpan();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getAttributes().get(parameter(0))).isEqualTo("3");
			assertThat(span.getAttributes().get(parameter(1))).isEqualTo("last");
			assertThat(span.getAttributes().get(parameter(2))).isEqualTo("7");
		});
	}

	@Test
	void fastStatementsCarryNothing() {
		run(new String[] { NEVER_SLOW, CAPTURE, EXPLAIN }, (context, jdbc) -> {
			jdbc.update("INSERT INTO " + this.table + " VALUES (?, ?, ?)", 2, "paid", 20);
			assertThat(jdbc.queryForList("SELECT status FROM " + this.table + " WHERE id = ?", String.class, 2))
				.containsExactly("paid");
			assertThat(spans()).hasSize(2).allSatisfy((span) -> {
				assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
					.noneMatch((key) -> key.startsWith("db.query.parameter.") || key.startsWith("distrace.db."));
				assertThat(span.getEvents()).isEmpty();
			});
		});
	}

	@Test
	void parametersAreKeptOnlyWhenAskedFor() {
		run(new String[] { SLOW }, (context, jdbc) -> {
			assertThat(jdbc.queryForList(slowSelect(), String.class, 1)).containsExactly("new");
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(SLOW_MARK)).isTrue();
			assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
				.noneMatch((key) -> key.startsWith("db.query.parameter."));
			assertThat(span.getEvents()).isEmpty();
		});
	}

	@Test
	void plansAreRequestedAtMostSoOftenAMinute() {
		run(new String[] { SLOW, EXPLAIN, "distrace.jdbc.slow-query.explain-per-minute=2" }, (context, jdbc) -> {
			for (int i = 0; i < 3; i++) {
				assertThat(jdbc.queryForList(slowSelect(), String.class, 1)).containsExactly("new");
			}
			List<SpanData> spans = spans();
			assertThat(spans).hasSize(3);
			assertThat(plan(spans.get(0))).containsIgnoringCase(this.table);
			assertThat(plan(spans.get(1))).containsIgnoringCase(this.table);
			assertThat(planError(spans.get(2))).contains("2 plans a minute")
				.contains("distrace.jdbc.slow-query.explain-per-minute");
		});
	}

	@Test
	void streamsAndReadersAreShownAsTheirTypeAndNotExplained() {
		run(new String[] { SLOW, CAPTURE, EXPLAIN }, (context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				String slowByStatus = slowSelect().replace("id = ?", "status = ?");
				try (PreparedStatement statement = connection.prepareStatement(slowByStatus)) {
					statement.setCharacterStream(1, new StringReader("new"));
					try (ResultSet result = statement.executeQuery()) {
						assertThat(result.next()).isTrue();
					}
				}
				try (PreparedStatement statement = connection
					.prepareStatement("INSERT INTO " + this.table + " VALUES (?, ?, ?)")) {
					statement.setInt(1, 1);
					statement.setAsciiStream(2, new ByteArrayInputStream("new".getBytes(StandardCharsets.US_ASCII)), 3);
					statement.setNull(3, Types.INTEGER);
					assertThat(catchThrowable(statement::executeUpdate)).isInstanceOf(SQLException.class);
				}
			}
			List<SpanData> spans = spans();
			assertThat(spans).hasSize(2);
			assertThat(spans.get(0).getAttributes().get(parameter(0))).isEqualTo("<Reader>");
			assertThat(planError(spans.get(0))).contains("stream or LOB");
			assertThat(spans.get(1).getAttributes().get(parameter(0))).isEqualTo("1");
			assertThat(spans.get(1).getAttributes().get(parameter(1))).isEqualTo("<InputStream>");
			assertThat(spans.get(1).getAttributes().get(parameter(2))).isEqualTo("<null>");
		});
	}

	@Test
	void plainStatementsAreExplainedToo() {
		run(new String[] { SLOW, CAPTURE, EXPLAIN }, (context, jdbc) -> {
			assertThat(jdbc.queryForList(slowSelect().replace("?", "1"), String.class)).containsExactly("new");
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(SLOW_MARK)).isTrue();
			assertThat(plan(span)).containsIgnoringCase(this.table);
		});
	}

	@Test
	void statementWhoseRowsAreReadSlowlyIsSlowAndExplainedOnceItsResultSetIsClosed() {
		run(new String[] { SLOW, CAPTURE, EXPLAIN }, (context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					PreparedStatement statement = connection
						.prepareStatement("SELECT status FROM " + this.table + " WHERE id = ?")) {
				statement.setInt(1, 1);
				try (ResultSet result = statement.executeQuery()) {
					assertThat(result.next()).isTrue();
					// The application takes its time over the row: the span lasts while
					// it reads.
					Thread.sleep(SLEEP_MILLIS);
					assertThat(result.next()).isFalse();
				}
			}
			SpanData span = onlySpan();
			assertThat(span.getAttributes().get(SLOW_MARK)).isTrue();
			assertThat(span.getAttributes().get(parameter(0))).isEqualTo("1");
			assertThat(plan(span)).containsIgnoringCase(this.table);
		});
	}

	@Test
	void slowStatementWhoseResultSetIsLeftOpenIsExplainedBeforeItsConnectionIsClosed() {
		run(new String[] { SLOW, EXPLAIN }, (context, jdbc) -> {
			Connection connection = context.getBean(DataSource.class).getConnection();
			connection.setAutoCommit(false);
			PreparedStatement statement = connection.prepareStatement(slowSelect());
			// Fetched a row at a time where the driver can: a cursor left open on the
			// connection.
			statement.setFetchSize(1);
			statement.setInt(1, 1);
			ResultSet result = statement.executeQuery();
			assertThat(result.next()).isTrue();
			assertThat(spans()).isEmpty();
			connection.close();
			assertThat(plan(onlySpan())).containsIgnoringCase(this.table);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM " + this.table, Integer.class)).isOne();
		});
	}

	static AttributeKey<String> parameter(int index) {
		return AttributeKey.stringKey("db.query.parameter." + index);
	}

	List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	// The statement's own span, and no span for its EXPLAIN.
	SpanData onlySpan() {
		assertThat(spans()).hasSize(1);
		return spans().get(0);
	}

	static List<EventData> explainEvents(SpanData span) {
		return span.getEvents().stream().filter((event) -> event.getName().equals("distrace.db.explain")).toList();
	}

	static String plan(SpanData span) {
		assertThat(explainEvents(span)).singleElement()
			.satisfies((event) -> assertThat(event.getAttributes().get(PLAN_ERROR)).isNull());
		return explainEvents(span).get(0).getAttributes().get(PLAN);
	}

	static String planError(SpanData span) {
		assertThat(explainEvents(span)).singleElement()
			.satisfies((event) -> assertThat(event.getAttributes().get(PLAN)).isNull());
		return explainEvents(span).get(0).getAttributes().get(PLAN_ERROR);
	}

	@FunctionalInterface
	interface DatabaseTest {

		void run(AssertableApplicationContext context, JdbcTemplate jdbc) throws Exception;

	}

}
