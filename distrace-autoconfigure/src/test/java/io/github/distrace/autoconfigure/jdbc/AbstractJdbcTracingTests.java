package io.github.distrace.autoconfigure.jdbc;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.distrace.SqlCommenter;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.ExceptionAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Query spans against a real database, through Spring Boot's Hikari pool: their
 * attributes, and the rows a query's result set gave the application, counted whether it
 * is read fully, partly or not at all, with the span ending with the result set, or at
 * the latest with its statement or connection. Each subclass names one database; each
 * test uses tables of its own, so runs do not collide.
 */
abstract class AbstractJdbcTracingTests {

	static final AttributeKey<Long> RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");

	static final AttributeKey<Boolean> LARGE_RESULT = AttributeKey.booleanKey("distrace.db.large_result");

	// Rows in the table of the tests of returned rows.
	private static final int ROWS = 5;

	private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	/** Table every test creates and drops. */
	protected final String table = "distrace_orders_" + this.suffix;

	private final String selectAll = "SELECT id, status FROM " + this.table + " ORDER BY id";

	// A fresh one per context: closing a context shuts its exporter down.
	private InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final String url;

	private final String username;

	private final Map<String, Object> databaseAttributes;

	private final String createAbsFunction;

	private final String dropAbsFunction;

	private final String currentStatementQuery;

	/**
	 * Describe the database under test.
	 * @param url its JDBC URL
	 * @param username the user, with an empty password
	 * @param databaseAttributes expected {@code db.system.name}, {@code db.namespace},
	 * {@code server.address} and {@code server.port}
	 * @param createAbsFunction a statement creating a function {@code %s(int)} that
	 * returns the absolute value of its argument
	 * @param dropAbsFunction a statement dropping it
	 * @param currentStatementQuery a query returning the text of the statement being
	 * executed, as the server received it
	 */
	AbstractJdbcTracingTests(String url, String username, Map<String, Object> databaseAttributes,
			String createAbsFunction, String dropAbsFunction, String currentStatementQuery) {
		this.url = url;
		this.username = username;
		this.databaseAttributes = databaseAttributes;
		this.createAbsFunction = createAbsFunction;
		this.dropAbsFunction = dropAbsFunction;
		this.currentStatementQuery = currentStatementQuery;
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
					DistraceJdbcAutoConfiguration.class, DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class,
					DataSourcePoolMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("distrace.exporter=none", "spring.datasource.url=" + this.url,
					"spring.datasource.username=" + this.username, "spring.datasource.password=")
			.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter));
	}

	private void run(String[] properties, DatabaseTest test) {
		this.exporter = InMemorySpanExporter.create();
		contextRunner().withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE " + this.table + " (id INT PRIMARY KEY, status VARCHAR(40), total INT)");
			try {
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
	void queryIsAClientSpanChildOfTheCurrentSpan() {
		run((context, jdbc) -> {
			jdbc.update("INSERT INTO " + this.table + " (id, status, total) VALUES (?, ?, ?)", 1, "new", 10);
			this.exporter.reset();
			SpanContext parent = inParent(context,
					() -> assertThat(jdbc.queryForList(
							"SELECT status FROM " + this.table + " WHERE id = ? AND status <> 'secret'", String.class,
							1))
						.containsExactly("new"));
			SpanData span = onlySpan("SELECT " + this.table);
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(span.getTraceId()).isEqualTo(parent.getTraceId());
			assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanId());
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			Map<String, Object> expected = new HashMap<>(this.databaseAttributes);
			expected.put("db.operation.name", "SELECT");
			expected.put("db.collection.name", this.table);
			expected.put("db.query.summary", "SELECT " + this.table);
			expected.put("db.query.text", "SELECT status FROM " + this.table + " WHERE id = ? AND status <> ?");
			expected.put("db.response.returned_rows", 1L);
			assertThat(attributes(span)).isEqualTo(expected);
		});
	}

	@Test
	void everyStatementTypeIsTraced() {
		String function = "distrace_abs_" + this.suffix;
		run((context, jdbc) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection connection = dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					assertThat(statement.getConnection()).isSameAs(connection);
					assertThat(statement.execute("INSERT INTO " + this.table + " VALUES (1, 'new', 5)")).isFalse();
					assertThat(statement.executeUpdate("UPDATE " + this.table + " SET total = 6 WHERE id = 1")).isOne();
					try (ResultSet result = statement.executeQuery("SELECT total FROM " + this.table)) {
						assertThat(result.next()).isTrue();
						assertThat(result.getInt(1)).isEqualTo(6);
					}
					assertThat(statement.executeLargeUpdate("DELETE FROM " + this.table + " WHERE id = 2")).isZero();
					statement.execute(this.createAbsFunction.formatted(function));
				}
				try (PreparedStatement statement = connection
					.prepareStatement("SELECT status FROM " + this.table + " WHERE id = ?")) {
					assertThat(statement.getConnection()).isSameAs(connection);
					statement.setInt(1, 1);
					try (ResultSet result = statement.executeQuery()) {
						assertThat(result.next()).isTrue();
						assertThat(result.getString(1)).isEqualTo("new");
					}
					assertThat(statement.execute()).isTrue();
				}
				try (PreparedStatement statement = connection
					.prepareStatement("UPDATE " + this.table + " SET status = ? WHERE id = ?")) {
					statement.setString(1, "paid");
					statement.setInt(2, 1);
					assertThat(statement.executeUpdate()).isOne();
				}
				try (CallableStatement call = connection.prepareCall("{? = call " + function + "(?)}")) {
					call.registerOutParameter(1, Types.INTEGER);
					call.setInt(2, -5);
					call.execute();
					assertThat(call.getInt(1)).isEqualTo(5);
				}
			}
			finally {
				jdbc.execute(this.dropAbsFunction.formatted(function));
			}
			List<SpanData> spans = spans();
			assertThat(spans).extracting(SpanData::getName)
				.containsExactly("INSERT " + this.table, "UPDATE " + this.table, "SELECT " + this.table,
						"DELETE " + this.table, "CREATE", "SELECT " + this.table, "SELECT " + this.table,
						"UPDATE " + this.table, "CALL " + function, "DROP");
			assertThat(spans).allSatisfy((span) -> assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT));
			assertThat(attributes(spans.get(8))).containsEntry("db.stored_procedure.name", function)
				.containsEntry("db.operation.name", "CALL");
			assertThat(attributes(spans.get(7))).containsEntry("db.query.text",
					"UPDATE " + this.table + " SET status = ? WHERE id = ?");
		});
	}

	@Test
	void batchIsOneSpan() {
		run((context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				try (PreparedStatement insert = connection
					.prepareStatement("INSERT INTO " + this.table + " (id, status) VALUES (?, ?)")) {
					for (int id = 1; id <= 3; id++) {
						insert.setInt(1, id);
						insert.setString(2, "secret-" + id);
						insert.addBatch();
					}
					assertThat(insert.executeBatch()).hasSize(3);
				}
				try (Statement statement = connection.createStatement()) {
					statement.addBatch("UPDATE " + this.table + " SET status = 'x' WHERE id = 1");
					statement.addBatch("DELETE FROM " + this.table + " WHERE id = 2");
					assertThat(statement.executeBatch()).hasSize(2);
				}
			}
			assertThat(jdbc.queryForObject("SELECT count(*) FROM " + this.table, Integer.class)).isEqualTo(2);
			List<SpanData> spans = spans();
			assertThat(spans).extracting(SpanData::getName).startsWith("BATCH INSERT " + this.table, "BATCH");
			assertThat(attributes(spans.get(0))).containsEntry("db.operation.batch.size", 3L)
				.containsEntry("db.query.summary", "BATCH INSERT " + this.table)
				.containsEntry("db.operation.name", "BATCH INSERT")
				.containsEntry("db.collection.name", this.table)
				.containsEntry("db.query.text", "INSERT INTO " + this.table + " (id, status) VALUES (?, ?)");
			// Statements of different summaries make a batch summarized as BATCH alone.
			assertThat(attributes(spans.get(1))).containsEntry("db.operation.batch.size", 2L)
				.containsEntry("db.query.summary", "BATCH")
				.containsEntry("db.operation.name", "BATCH")
				.containsEntry("db.query.text",
						"UPDATE " + this.table + " SET status = ? WHERE id = ?; DELETE FROM " + this.table
								+ " WHERE id = ?")
				.containsEntry("db.collection.name", this.table);
		});
	}

	@Test
	void failingStatementRecordsTheErrorAndRethrowsIt() {
		run((context, jdbc) -> {
			SQLException thrown;
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					Statement statement = connection.createStatement()) {
				thrown = catchThrowableOfType(SQLException.class,
						() -> statement.executeQuery("SELECT * FROM distrace_missing_" + this.suffix));
			}
			assertThat((Throwable) thrown).isNotNull();
			assertThat(thrown.getClass().getName()).doesNotStartWith("java.lang.reflect");
			SpanData span = onlySpan("SELECT distrace_missing_" + this.suffix);
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(attributes(span)).containsEntry("error.type", thrown.getSQLState())
				.containsEntry("db.response.status_code", thrown.getSQLState());
			assertThat(span.getEvents()).singleElement().satisfies((event) -> {
				assertThat(event.getName()).isEqualTo("exception");
				assertThat(event.getAttributes().asMap().toString()).contains(thrown.getClass().getName());
			});
		});
	}

	@Test
	void failedStatementKeepsTheValuesItRanWithOutOfTheSpan() {
		run((context, jdbc) -> {
			String secret = "secret-" + this.suffix;
			jdbc.execute("CREATE UNIQUE INDEX distrace_status_" + this.suffix + " ON " + this.table + " (status)");
			jdbc.update("INSERT INTO " + this.table + " (id, status) VALUES (?, ?)", 1, secret);
			this.exporter.reset();
			Throwable thrown = catchThrowable(
					() -> jdbc.update("INSERT INTO " + this.table + " (id, status) VALUES (?, ?)", 2, secret));
			// Every driver here quotes the duplicate value in its message.
			assertThat(thrown).hasStackTraceContaining(secret);
			SpanData span = onlySpan("INSERT " + this.table);
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getEvents()).singleElement().satisfies((event) -> {
				assertThat(event.getName()).isEqualTo("exception");
				assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_STACKTRACE)).contains("\tat ");
			});
			assertThat(span.toString()).doesNotContain(secret);
		});
	}

	@Test
	void transactionsAndConnectionsGetSpansWhenAskedFor() {
		run(new String[] { "distrace.jdbc.transaction-spans=true", "distrace.jdbc.connection-spans=true" },
				(context, jdbc) -> {
					TransactionTemplate transaction = new TransactionTemplate(
							new DataSourceTransactionManager(context.getBean(DataSource.class)));
					SpanContext parent = inParent(context, () -> {
						transaction.executeWithoutResult((status) -> jdbc
							.update("INSERT INTO " + this.table + " (id, status) VALUES (1, 'kept')"));
						transaction.executeWithoutResult((status) -> {
							jdbc.update("INSERT INTO " + this.table + " (id, status) VALUES (2, 'undone')");
							status.setRollbackOnly();
						});
					});
					assertThat(spans()).extracting(SpanData::getName)
						.containsExactly("HikariDataSource.getConnection", "INSERT " + this.table, "COMMIT",
								"HikariDataSource.getConnection", "INSERT " + this.table, "ROLLBACK");
					assertThat(spans())
						.allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanId()));
					assertThat(attributes(onlySpan("COMMIT"))).containsAllEntriesOf(this.databaseAttributes)
						.containsEntry("db.operation.name", "COMMIT");
					assertThat(attributes(spans().get(0))).containsEntry("db.client.connection.pool.name",
							"dataSource");
					assertThat(jdbc.queryForList("SELECT status FROM " + this.table, String.class))
						.containsExactly("kept");
				});
	}

	@Test
	void transactionsAndConnectionsGetNoSpansByDefault() {
		run((context, jdbc) -> {
			new TransactionTemplate(new DataSourceTransactionManager(context.getBean(DataSource.class)))
				.executeWithoutResult((status) -> jdbc.update("INSERT INTO " + this.table + " (id) VALUES (1)"));
			assertThat(spans()).extracting(SpanData::getName).containsExactly("INSERT " + this.table);
		});
	}

	@Test
	void statementTextIsSanitizedByDefault() {
		run((context, jdbc) -> {
			jdbc.queryForList("SELECT id FROM " + this.table + " WHERE status = 'secret' AND id IN (1, 2, 3)");
			jdbc.queryForList("SELECT id FROM " + this.table + " WHERE status = ?", "bound-secret");
			assertThat(spans()).extracting((span) -> attributes(span).get("db.query.text"))
				.containsExactly("SELECT id FROM " + this.table + " WHERE status = ? AND id IN (?)",
						"SELECT id FROM " + this.table + " WHERE status = ?");
			// Neither the literal nor the bind value is in any attribute or event.
			assertThat(spans()).allSatisfy((span) -> assertThat(span.toString()).doesNotContain("secret"));
		});
	}

	@Test
	void statementTextIsRawOrOffWhenAskedFor() {
		String sql = "SELECT id FROM " + this.table + " WHERE status = 'visible'";
		run(new String[] { "distrace.jdbc.statement=raw" }, (context, jdbc) -> {
			jdbc.queryForList(sql);
			jdbc.queryForList("SELECT id FROM " + this.table + " WHERE status = ?", "bound-secret");
			assertThat(spans()).extracting((span) -> attributes(span).get("db.query.text"))
				.containsExactly(sql, "SELECT id FROM " + this.table + " WHERE status = ?");
		});
		run(new String[] { "distrace.jdbc.statement=off" }, (context, jdbc) -> {
			jdbc.queryForList(sql);
			assertThat(attributes(onlySpan("SELECT " + this.table))).doesNotContainKey("db.query.text")
				.containsEntry("db.operation.name", "SELECT");
		});
	}

	@Test
	void longStatementsAreCutToTheAttributeLimit() {
		run(new String[] { "distrace.limits.max-attribute-value-length=40" }, (context, jdbc) -> {
			jdbc.queryForList("SELECT id, status, total FROM " + this.table + " WHERE id = 1 AND status = 'x'");
			assertThat((String) attributes(onlySpan("SELECT " + this.table)).get("db.query.text")).hasSize(40);
		});
	}

	@Test
	void poolKeepsItsTypeAndHealthAndMetricsSeeIt() {
		run((context, jdbc) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(HikariDataSource.class);
			assertThat(AopUtils.isAopProxy(dataSource)).isTrue();
			HikariDataSource hikari = context.getBean(HikariDataSource.class);
			assertThat(hikari.getJdbcUrl()).isEqualTo(this.url);
			assertThat(hikari.getHikariPoolMXBean()).isNotNull();
			assertThat(dataSource.isWrapperFor(HikariConfigMXBean.class)).isTrue();
			assertThat(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize())
				.isEqualTo(hikari.getMaximumPoolSize());
			HealthIndicator health = context.getBean("dbHealthContributor", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(context.getBeanProvider(DataSourcePoolMetadataProvider.class)
				.orderedStream()
				.map((provider) -> provider.getDataSourcePoolMetadata(dataSource))
				.filter(java.util.Objects::nonNull)
				.findFirst())
				.hasValueSatisfying((metadata) -> assertThat(metadata.getMax()).isEqualTo(hikari.getMaximumPoolSize()));
			// Spring Boot's metrics auto-configuration binds every MeterBinder like this.
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(meters));
			assertThat(meters.get("hikaricp.connections.max").gauge().value()).isEqualTo(hikari.getMaximumPoolSize());
			assertThat(meters.get("jdbc.connections.max").gauge().value()).isEqualTo(hikari.getMaximumPoolSize());
		});
	}

	@Test
	void hostileSqlcommenterValuesLeaveResultsUnchanged() {
		String hostile = "x*/;DROP TABLE " + this.table + ";--";
		run(new String[] { "distrace.jdbc.sqlcommenter=true" }, (context, jdbc) -> {
			jdbc.update("INSERT INTO " + this.table + " (id, status) VALUES (1, 'new'), (2, 'paid')");
			this.exporter.reset();
			SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
					"b7ad6b7169203331", TraceFlags.getSampled(), TraceState.builder().put("evil", hostile).build());
			Context caller = Context.root()
				.with(Span.wrap(remote))
				.with(Baggage.builder().put("evil", hostile + "'\"?").build());
			String seen;
			try (Scope scope = caller.makeCurrent()) {
				assertThat(jdbc.queryForList("SELECT status FROM " + this.table + " ORDER BY id", String.class))
					.containsExactly("new", "paid");
				assertThat(jdbc.queryForObject("SELECT status FROM " + this.table + " WHERE id = ?", String.class, 2))
					.isEqualTo("paid");
				jdbc.batchUpdate("UPDATE " + this.table + " SET total = ? WHERE id = ?",
						List.of(new Object[] { 7, 1 }, new Object[] { 8, 2 }));
				seen = jdbc.queryForObject(this.currentStatementQuery, String.class);
			}
			List<SpanData> spans = spans();
			assertThat(jdbc.queryForList("SELECT total FROM " + this.table + " ORDER BY id", Integer.class))
				.containsExactly(7, 8);
			assertThat(seen).contains("traceparent=");
			Context extracted = SqlCommenter.extract(seen);
			SpanContext sent = Span.fromContext(extracted).getSpanContext();
			assertThat(sent.getTraceId()).isEqualTo(remote.getTraceId());
			assertThat(sent.getTraceState().get("evil")).isEqualTo(hostile);
			assertThat(Baggage.fromContext(extracted).getEntryValue("evil")).isEqualTo(hostile + "'\"?");
			assertThat(spans).hasSize(4);
			assertThat(spans.get(3).getSpanId()).isEqualTo(sent.getSpanId());
			assertThat(spans).allSatisfy((span) -> {
				assertThat(span.getTraceId()).isEqualTo(remote.getTraceId());
				assertThat(attributes(span).get("db.query.text").toString()).doesNotContain("traceparent");
			});
		});
	}

	@Test
	void sampledOutQueriesAreRecordedForTheTailDecisionWhileAKeepRuleIsOn() {
		SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getDefault(), TraceState.getDefault());
		run(new String[] { "distrace.jdbc.sqlcommenter=true" }, (context, jdbc) -> {
			String seen;
			try (Scope scope = Context.root().with(Span.wrap(remote)).makeCurrent()) {
				seen = jdbc.queryForObject(this.currentStatementQuery, String.class);
			}
			// Recorded, not sampled: the statement names its own query span, and nothing
			// is exported.
			SpanContext sent = Span.fromContext(SqlCommenter.extract(seen)).getSpanContext();
			assertThat(sent.getTraceId()).isEqualTo(remote.getTraceId());
			assertThat(sent.getSpanId()).isNotEqualTo(remote.getSpanId());
			assertThat(sent.isSampled()).isFalse();
			assertThat(spans()).isEmpty();
		});
	}

	@Test
	void sampledOutQueriesGetNoSpanAndCarryTheCallersContext() {
		SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getDefault(), TraceState.getDefault());
		run(new String[] { "distrace.jdbc.sqlcommenter=true", "distrace.jdbc.transaction-spans=true",
				"distrace.jdbc.connection-spans=true", "distrace.sampler.keep.errors=false",
				"distrace.sampler.keep.n-plus-one=false" }, (context, jdbc) -> {
					TransactionTemplate transaction = new TransactionTemplate(
							new DataSourceTransactionManager(context.getBean(DataSource.class)));
					String seen;
					try (Scope scope = Context.root().with(Span.wrap(remote)).makeCurrent()) {
						transaction.executeWithoutResult((status) -> jdbc
							.update("INSERT INTO " + this.table + " (id, status) VALUES (?, ?)", 1, "new"));
						jdbc.batchUpdate("UPDATE " + this.table + " SET total = ? WHERE id = ?",
								List.of(new Object[] { 7, 1 }, new Object[] { 8, 1 }));
						assertThat(jdbc.queryForObject("SELECT total FROM " + this.table + " WHERE id = ?",
								Integer.class, 1))
							.isEqualTo(8);
						seen = jdbc.queryForObject(this.currentStatementQuery, String.class);
					}
					assertThat(spans()).isEmpty();
					SpanContext sent = Span.fromContext(SqlCommenter.extract(seen)).getSpanContext();
					assertThat(sent.getTraceId()).isEqualTo(remote.getTraceId());
					assertThat(sent.getSpanId()).isEqualTo(remote.getSpanId());
					assertThat(sent.isSampled()).isFalse();
					jdbc.queryForList("SELECT status FROM " + this.table, String.class);
					assertThat(spans()).extracting(SpanData::getName)
						.containsExactly("HikariDataSource.getConnection", "SELECT " + this.table);
				});
	}

	@Test
	void samplerThatIgnoresTheParentStillRecordsQueriesOfUnsampledCallers() {
		SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getDefault(), TraceState.getDefault());
		run(new String[] { "distrace.sampler.type=always_on" }, (context, jdbc) -> {
			try (Scope scope = Context.root().with(Span.wrap(remote)).makeCurrent()) {
				jdbc.queryForList("SELECT status FROM " + this.table, String.class);
			}
			assertThat(onlySpan("SELECT " + this.table).getTraceId()).isEqualTo(remote.getTraceId());
		});
	}

	@Test
	void rowsReadFullyAreCounted() {
		runWithRows((context, jdbc) -> {
			assertThat(jdbc.queryForList(this.selectAll)).hasSize(ROWS);
			SpanData span = onlyQuery();
			assertThat(span.getAttributes().get(RETURNED_ROWS)).isEqualTo((long) ROWS);
			assertThat(span.getAttributes().get(LARGE_RESULT)).isNull();
		});
	}

	@Test
	void rowsReadPartlyCountOnlyThoseReadAndTheSpanEndsWhenTheResultSetIsClosed() {
		runWithRows((context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
					PreparedStatement statement = connection.prepareStatement(this.selectAll)) {
				ResultSet result = statement.executeQuery();
				assertThat(result.next()).isTrue();
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isEqualTo(2);
				assertThat(spans()).as("open while its result set is").isEmpty();
				result.close();
				assertThat(onlyQuery().getAttributes().get(RETURNED_ROWS)).isEqualTo(2);
			}
			assertThat(spans()).hasSize(1);
		});
	}

	@Test
	void resultNeverReadCountsNoRowsAndEndsWithItsStatement() {
		runWithRows((context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(this.selectAll);
				assertThat(result.getStatement()).isSameAs(statement);
				assertThat(spans()).isEmpty();
				statement.close();
				assertThat(result.isClosed()).isTrue();
				assertThat(onlyQuery().getAttributes().get(RETURNED_ROWS)).isZero();
			}
		});
	}

	@Test
	void resultNeverClosedEndsWithItsConnectionBeforeItGoesBackToThePool() {
		runWithRows((context, jdbc) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			Connection connection = context.getBean(DataSource.class).getConnection();
			PreparedStatement statement = connection.prepareStatement(this.selectAll);
			ResultSet result = statement.executeQuery();
			assertThat(result.next()).isTrue();
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isOne();
			connection.close();
			assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
			assertThat(onlyQuery().getAttributes().get(RETURNED_ROWS)).isOne();
			// The pool hands the connection out again; its next statement is a span of
			// its own.
			assertThat(jdbc.queryForList(this.selectAll)).hasSize(ROWS);
			assertThat(spans()).hasSize(2).allSatisfy((span) -> assertThat(span.hasEnded()).isTrue());
		});
	}

	@Test
	void largeResultIsMarkedFromTheThreshold() {
		runWithRows(new String[] { "distrace.jdbc.large-result.threshold=3" }, (context, jdbc) -> {
			assertThat(jdbc.queryForList(this.selectAll)).hasSize(ROWS);
			assertThat(jdbc.queryForList("SELECT id FROM " + this.table + " WHERE id <= ?", Integer.class, 3))
				.hasSize(3);
			assertThat(jdbc.queryForList("SELECT id FROM " + this.table + " WHERE id <= ?", Integer.class, 2))
				.hasSize(2);
			List<SpanData> spans = spans();
			assertThat(spans).extracting((span) -> span.getAttributes().get(RETURNED_ROWS)).containsExactly(5L, 3L, 2L);
			assertThat(spans).extracting((span) -> span.getAttributes().get(LARGE_RESULT))
				.containsExactly(true, true, null);
		});
	}

	@Test
	void executeThenGetResultSetIsCountedAndUpdatesCountNoRows() {
		runWithRows((context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
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
		runWithRows((context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
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
			assertThat(onlyQuery().getAttributes().get(RETURNED_ROWS)).isNull();
		});
	}

	@Test
	void spanLastsWhileItsRowsAreFetchedAndWorkBetweenThemIsNotItsChild() {
		runWithRows((context, jdbc) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span request = tracer.spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent();
					Connection connection = context.getBean(DataSource.class).getConnection();
					PreparedStatement statement = connection.prepareStatement(this.selectAll);
					ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					tracer.spanBuilder("row " + result.getInt(1)).startSpan().end();
				}
			}
			finally {
				request.end();
			}
			SpanData query = onlySpan("SELECT " + this.table);
			SpanData first = onlySpan("row 1");
			SpanData last = onlySpan("row " + ROWS);
			assertThat(query.getAttributes().get(RETURNED_ROWS)).isEqualTo((long) ROWS);
			assertThat(query.getStartEpochNanos()).isLessThanOrEqualTo(first.getStartEpochNanos());
			assertThat(query.getEndEpochNanos()).isGreaterThanOrEqualTo(last.getEndEpochNanos());
			String requestId = request.getSpanContext().getSpanId();
			assertThat(List.of(query, first, last))
				.allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(requestId));
		});
	}

	@Test
	void executingAStatementAgainEndsTheSpanOfItsPreviousResult() {
		runWithRows((context, jdbc) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection();
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

	private void runWithRows(String[] properties, DatabaseTest test) {
		run(properties, (context, jdbc) -> {
			for (int id = 1; id <= ROWS; id++) {
				jdbc.update("INSERT INTO " + this.table + " (id, status) VALUES (?, ?)", id, "status-" + id);
			}
			this.exporter.reset();
			test.run(context, jdbc);
		});
	}

	private void runWithRows(DatabaseTest test) {
		runWithRows(new String[0], test);
	}

	private SpanContext inParent(AssertableApplicationContext context, Runnable work) {
		Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			work.run();
		}
		finally {
			parent.end();
		}
		return parent.getSpanContext();
	}

	// Every span but the test's own parent span.
	private List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> !span.getName().equals("parent"))
			.toList();
	}

	private SpanData onlySpan(String name) {
		assertThat(spans()).extracting(SpanData::getName).containsOnlyOnce(name);
		return spans().stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	// The one span the test made, a query.
	private SpanData onlyQuery() {
		assertThat(spans()).hasSize(1);
		return spans().get(0);
	}

	private static int count(ResultSet result) throws SQLException {
		int rows = 0;
		while (result.next()) {
			rows++;
		}
		return rows;
	}

	static Map<String, Object> attributes(SpanData span) {
		Map<String, Object> attributes = new HashMap<>();
		span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
		return attributes;
	}

	@FunctionalInterface
	interface DatabaseTest {

		void run(AssertableApplicationContext context, JdbcTemplate jdbc) throws Exception;

	}

}
