package io.github.distrace.autoconfigure.insight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.github.distrace.NPlusOneDetected;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * N+1 detection and per-request query totals against a real database, through Spring
 * Boot's pool, JdbcTemplate and JdbcClient. Each subclass names one database; each test
 * uses tables of its own.
 */
abstract class AbstractNPlusOneTests {

	static final AttributeKey<Long> QUERY_COUNT = AttributeKey.longKey("distrace.db.query_count");

	static final AttributeKey<Double> DURATION_MS = AttributeKey.doubleKey("distrace.db.duration_ms");

	static final AttributeKey<Boolean> N_PLUS_ONE = AttributeKey.booleanKey("distrace.db.n_plus_one");

	static final AttributeKey<String> QUERY_HASH = AttributeKey.stringKey("distrace.db.query_hash");

	private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private final String orders = "distrace_np1_orders_" + this.suffix;

	private final String lines = "distrace_np1_lines_" + this.suffix;

	private final String url;

	private final String username;

	private InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final List<NPlusOneDetected> events = new CopyOnWriteArrayList<>();

	AbstractNPlusOneTests(String url, String username) {
		this.url = url;
		this.username = username;
	}

	@Test
	void fourRepeatsAreBelowTheThreshold() {
		run((context, jdbc) -> {
			request(context, () -> linesOneByOne(jdbc, 4));
			assertThat(root().getAttributes().get(QUERY_COUNT)).isEqualTo(5L);
			assertThat(root().getAttributes().get(N_PLUS_ONE)).isNull();
			assertThat(nPlusOneEvents()).isEmpty();
			assertThat(this.events).isEmpty();
		});
	}

	@Test
	void fiveRepeatsAreReportedOnce() {
		run((context, jdbc) -> {
			request(context, () -> linesOneByOne(jdbc, 5));
			SpanData root = root();
			assertThat(root.getAttributes().get(QUERY_COUNT)).isEqualTo(6L);
			double queryMillis = queries().stream()
				.mapToLong((span) -> span.getEndEpochNanos() - span.getStartEpochNanos())
				.sum() / 1e6;
			assertThat(root.getAttributes().get(DURATION_MS)).isPositive().isCloseTo(queryMillis, within(0.001));
			assertThat(root.getAttributes().get(N_PLUS_ONE)).isTrue();
			List<EventData> events = nPlusOneEvents();
			assertThat(events).hasSize(1);
			EventData event = events.get(0);
			String statement = "SELECT product FROM " + this.lines + " WHERE order_id = ?";
			assertThat(event.getAttributes().get(AttributeKey.stringKey("db.query.text"))).isEqualTo(statement);
			assertThat(event.getAttributes().get(AttributeKey.stringKey("db.query.summary")))
				.isEqualTo("SELECT " + this.lines);
			assertThat(event.getAttributes().get(QUERY_COUNT)).isEqualTo(5L);
			assertThat(event.getAttributes().get(DURATION_MS)).isPositive();
			assertThat(this.events).singleElement().satisfies((detected) -> {
				assertThat(detected.endpoint()).isEqualTo("GET /orders");
				assertThat(detected.spanName()).isEqualTo("GET /orders");
				assertThat(detected.statement()).isEqualTo(statement);
				assertThat(detected.summary()).isEqualTo("SELECT " + this.lines);
				assertThat(detected.count()).isEqualTo(5);
				assertThat(detected.totalDuration()).isPositive();
				assertThat(detected.traceId()).isEqualTo(root.getTraceId());
			});
		});
	}

	@Test
	void interleavedStatementsAreEachReported() {
		run((context, jdbc) -> {
			JdbcClient client = context.getBean(JdbcClient.class);
			request(context, () -> {
				for (int id = 1; id <= 5; id++) {
					client.sql("SELECT customer FROM " + this.orders + " WHERE id = ?")
						.param(id)
						.query(String.class)
						.optional();
					client.sql("SELECT product FROM " + this.lines + " WHERE order_id = ?")
						.param(id)
						.query(String.class)
						.list();
				}
			});
			assertThat(nPlusOneEvents())
				.extracting((event) -> event.getAttributes().get(AttributeKey.stringKey("db.query.summary")))
				.containsExactlyInAnyOrder("SELECT " + this.orders, "SELECT " + this.lines);
			assertThat(this.events).hasSize(2);
			assertThat(root().getAttributes().get(QUERY_COUNT)).isEqualTo(10L);
		});
	}

	@Test
	void literalValuesDoNotHideTheRepeat() {
		run((context, jdbc) -> {
			request(context, () -> {
				for (int id = 1; id <= 5; id++) {
					jdbc.queryForList("SELECT product FROM " + this.lines + " WHERE order_id = " + id);
				}
			});
			assertThat(this.events).singleElement()
				.satisfies((detected) -> assertThat(detected.statement()).endsWith("WHERE order_id = ?"));
		});
	}

	@Test
	void repeatsAcrossChildSpansAreFoundAtTheirCaller() {
		run((context, jdbc) -> {
			Tracer tracer = context.getBean(Tracer.class);
			request(context, () -> {
				Span list = tracer.spanBuilder("OrderController.list").startSpan();
				try (Scope scope = list.makeCurrent()) {
					for (int id = 1; id <= 5; id++) {
						Span find = tracer.spanBuilder("LineRepository.find").startSpan();
						try (Scope inner = find.makeCurrent()) {
							jdbc.queryForList("SELECT product FROM " + this.lines + " WHERE order_id = ?", id);
						}
						finally {
							find.end();
						}
					}
				}
				finally {
					list.end();
				}
			});
			SpanData list = span("OrderController.list");
			assertThat(list.getEvents()).extracting(EventData::getName).containsExactly("distrace.n_plus_one");
			assertThat(spans()).filteredOn((span) -> span.getName().equals("LineRepository.find"))
				.allSatisfy((find) -> assertThat(find.getEvents()).isEmpty());
			assertThat(root().getEvents()).isEmpty();
			assertThat(root().getAttributes().get(N_PLUS_ONE)).isTrue();
			assertThat(this.events).singleElement().satisfies((detected) -> {
				assertThat(detected.endpoint()).isEqualTo("GET /orders");
				assertThat(detected.spanName()).isEqualTo("OrderController.list");
			});
		});
	}

	@Test
	void batchesAreNoNPlusOne() {
		run((context, jdbc) -> {
			request(context, () -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection();
						PreparedStatement insert = connection
							.prepareStatement("INSERT INTO " + this.lines + " (order_id, product) VALUES (?, ?)")) {
					for (int batch = 0; batch < 6; batch++) {
						insert.setInt(1, 100 + batch);
						insert.setString(2, "p");
						insert.addBatch();
						insert.setInt(1, 200 + batch);
						insert.setString(2, "q");
						insert.addBatch();
						insert.executeBatch();
					}
				}
			});
			assertThat(root().getAttributes().get(QUERY_COUNT)).isEqualTo(6L);
			assertThat(nPlusOneEvents()).isEmpty();
			assertThat(this.events).isEmpty();
		});
	}

	@Test
	void repeatsFasterThanTheMinimumDurationAreNotReported() {
		run(new String[] { "distrace.jdbc.n-plus-one.min-duration=1h" }, (context, jdbc) -> {
			request(context, () -> linesOneByOne(jdbc, 8));
			assertThat(nPlusOneEvents()).isEmpty();
			assertThat(root().getAttributes().get(QUERY_COUNT)).isEqualTo(9L);
		});
	}

	@Test
	void detectionCanBeSwitchedOffWhileTotalsStay() {
		run(new String[] { "distrace.jdbc.n-plus-one.enabled=false" }, (context, jdbc) -> {
			request(context, () -> linesOneByOne(jdbc, 8));
			assertThat(nPlusOneEvents()).isEmpty();
			assertThat(this.events).isEmpty();
			assertThat(root().getAttributes().get(N_PLUS_ONE)).isNull();
			assertThat(root().getAttributes().get(QUERY_COUNT)).isEqualTo(9L);
		});
	}

	@Test
	void thresholdIsConfigurable() {
		run(new String[] { "distrace.jdbc.n-plus-one.threshold=3" }, (context, jdbc) -> {
			request(context, () -> linesOneByOne(jdbc, 3));
			assertThat(this.events).singleElement().satisfies((detected) -> assertThat(detected.count()).isEqualTo(3));
		});
	}

	@Test
	void statementsThatDifferOnlyAfterTheCutAreNotOneNPlusOne() {
		run((context, jdbc) -> {
			// Longer than distrace.limits.max-attribute-value-length (4096):
			// db.query.text holds only their common beginning.
			String common = "SELECT product FROM " + this.lines + " WHERE order_id = ?"
					+ " AND product IS NOT NULL".repeat(200);
			String byProduct = common + " ORDER BY product";
			String byOrder = common + " ORDER BY order_id";
			request(context, () -> {
				for (int id = 1; id <= 3; id++) {
					jdbc.queryForList(byProduct, id);
					jdbc.queryForList(byOrder, id);
				}
			});
			assertThat(queries()).hasSize(6)
				.extracting((query) -> query.getAttributes().get(AttributeKey.stringKey("db.query.text")))
				.containsOnly(common.substring(0, 4096));
			// What tells them apart: a hash of the whole text.
			List<String> hashes = queries().stream().map((query) -> query.getAttributes().get(QUERY_HASH)).toList();
			assertThat(hashes).doesNotContainNull();
			assertThat(Set.copyOf(hashes)).hasSize(2);
			assertThat(root().getAttributes().get(QUERY_COUNT)).isEqualTo(6L);
			assertThat(nPlusOneEvents()).isEmpty();
			assertThat(this.events).isEmpty();
			this.exporter.reset();
			request(context, () -> {
				for (int id = 1; id <= 5; id++) {
					jdbc.queryForList(byProduct, id);
				}
			});
			assertThat(this.events).singleElement().satisfies((detected) -> {
				assertThat(detected.count()).isEqualTo(5);
				assertThat(detected.statement()).isEqualTo(common.substring(0, 4096));
			});
		});
	}

	@Test
	void commitsAndRollbacksCountAsQueriesButMakeNoNPlusOne() {
		run(new String[] { "distrace.jdbc.transaction-spans=true" }, (context, jdbc) -> {
			String statement = "INSERT INTO " + this.lines + " (order_id, product) VALUES (?, ?)";
			request(context, () -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection();
						PreparedStatement insert = connection.prepareStatement(statement)) {
					connection.setAutoCommit(false);
					try {
						// A transaction per item: the repeated INSERT is the N+1, not its
						// COMMIT.
						for (int item = 1; item <= 6; item++) {
							insert.setInt(1, 300 + item);
							insert.setString(2, "p");
							insert.executeUpdate();
							connection.commit();
						}
						insert.setInt(1, 400);
						insert.setString(2, "r");
						insert.executeUpdate();
						connection.rollback();
					}
					finally {
						connection.setAutoCommit(true);
					}
				}
			});
			assertThat(queries()).extracting(SpanData::getName)
				.filteredOn((name) -> name.equals("COMMIT") || name.equals("ROLLBACK"))
				.hasSize(7);
			SpanData root = root();
			assertThat(root.getAttributes().get(QUERY_COUNT)).isEqualTo(14L);
			double queryMillis = queries().stream()
				.mapToLong((span) -> span.getEndEpochNanos() - span.getStartEpochNanos())
				.sum() / 1e6;
			assertThat(root.getAttributes().get(DURATION_MS)).isCloseTo(queryMillis, within(0.001));
			assertThat(this.events).singleElement().satisfies((detected) -> {
				assertThat(detected.statement()).isEqualTo(statement);
				assertThat(detected.count()).isEqualTo(7);
			});
		});
	}

	private void linesOneByOne(JdbcTemplate jdbc, int orders) {
		List<Integer> ids = jdbc.queryForList("SELECT id FROM " + this.orders + " WHERE id <= ?", Integer.class,
				orders);
		assertThat(ids).hasSize(orders);
		for (int id : ids) {
			jdbc.queryForList("SELECT product FROM " + this.lines + " WHERE order_id = ?", String.class, id);
		}
	}

	/** Run work inside a server span named as Spring MVC names one. */
	private void request(AssertableApplicationContext context, Work work) throws Exception {
		Span span = context.getBean(Tracer.class).spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = span.makeCurrent()) {
			work.run();
		}
		finally {
			span.end();
		}
	}

	private List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	private SpanData span(String name) {
		return spans().stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	private SpanData root() {
		return span("GET /orders");
	}

	private List<SpanData> queries() {
		return spans().stream().filter((span) -> span.getKind() == SpanKind.CLIENT).toList();
	}

	private List<EventData> nPlusOneEvents() {
		return spans().stream()
			.flatMap((span) -> span.getEvents().stream())
			.filter((event) -> event.getName().equals("distrace.n_plus_one"))
			.toList();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceJdbcAutoConfiguration.class,
							DistraceDatabaseInsightAutoConfiguration.class, DataSourceAutoConfiguration.class,
							JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none", "spring.datasource.url=" + this.url,
					"spring.datasource.username=" + this.username, "spring.datasource.password=")
			.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
			.withBean(DetectedEvents.class, () -> new DetectedEvents(this.events));
	}

	private void run(String[] properties, DatabaseTest test) {
		this.exporter = InMemorySpanExporter.create();
		this.events.clear();
		contextRunner().withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE " + this.orders + " (id INT PRIMARY KEY, customer VARCHAR(40))");
			jdbc.execute("CREATE TABLE " + this.lines + " (order_id INT, product VARCHAR(40))");
			try {
				for (int id = 1; id <= 10; id++) {
					jdbc.update("INSERT INTO " + this.orders + " (id, customer) VALUES (?, ?)", id, "c" + id);
					jdbc.update("INSERT INTO " + this.lines + " (order_id, product) VALUES (?, ?)", id, "p" + id);
				}
				this.exporter.reset();
				this.events.clear();
				test.run(context, jdbc);
			}
			finally {
				jdbc.execute("DROP TABLE " + this.lines);
				jdbc.execute("DROP TABLE " + this.orders);
			}
		});
	}

	private void run(DatabaseTest test) {
		run(new String[0], test);
	}

	/** Collects the application events, as an application's listener would. */
	static final class DetectedEvents {

		private final List<NPlusOneDetected> events;

		DetectedEvents(List<NPlusOneDetected> events) {
			this.events = events;
		}

		@EventListener
		void detected(NPlusOneDetected event) {
			this.events.add(event);
		}

	}

	@FunctionalInterface
	interface Work {

		void run() throws Exception;

	}

	@FunctionalInterface
	interface DatabaseTest {

		void run(AssertableApplicationContext context, JdbcTemplate jdbc) throws Exception;

	}

}
