package io.github.distrace.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.insight.DistraceDatabaseInsightAutoConfiguration;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The database metrics in a {@link SimpleMeterRegistry} after real queries on H2, through
 * Spring Boot's pool and JdbcTemplate: with every keep rule on by default, what the head
 * sampler drops is counted too.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceJdbcAutoConfiguration.class,
						DistraceDatabaseInsightAutoConfiguration.class, DistraceMetricsAutoConfiguration.class,
						DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("distrace.exporter=none",
				"spring.datasource.url=jdbc:h2:mem:distrace_metrics;DB_CLOSE_DELAY=-1", "spring.datasource.username=sa",
				"spring.datasource.password=");

	@Test
	void queriesAreTimedByStatementShapeAndErrorType() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE metrics_orders (id INT PRIMARY KEY, customer VARCHAR(40))");
			request(context, "GET /orders/{id}", () -> {
				jdbc.update("INSERT INTO metrics_orders (id, customer) VALUES (?, ?)", 1, "ann");
				jdbc.queryForList("SELECT customer FROM metrics_orders WHERE id = ?", String.class, 1);
				jdbc.queryForList("SELECT customer FROM metrics_orders WHERE id = ?", String.class, 2);
				assertThatExceptionOfType(BadSqlGrammarException.class)
					.isThrownBy(() -> jdbc.queryForList("SELECT nothing FROM metrics_orders", String.class));
			});
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer selects = registry.get("db.client.operation.duration")
				.tags("db.system.name", "h2database", "db.operation.name", "SELECT", "db.collection.name",
						"metrics_orders", "db.query.summary", "SELECT metrics_orders", "error.type", "none")
				.timer();
			assertThat(selects.count()).isEqualTo(2);
			assertThat(selects.totalTime(TimeUnit.NANOSECONDS)).isPositive();
			assertThat(registry.get("db.client.operation.duration")
				.tags("db.query.summary", "INSERT metrics_orders", "error.type", "none")
				.timer()
				.count()).isEqualTo(1);
			// H2's SQLState for an unknown column.
			assertThat(registry.get("db.client.operation.duration")
				.tags("db.query.summary", "SELECT metrics_orders", "error.type", "42S22")
				.timer()
				.count()).isEqualTo(1);
			// Outside any request: timed, with no endpoint to count queries for.
			assertThat(registry.get("db.client.operation.duration").tags("db.operation.name", "CREATE").timer().count())
				.isEqualTo(1);
			DistributionSummary queries = registry.get("distrace.db.queries")
				.tag("endpoint", "GET /orders/{id}")
				.summary();
			assertThat(queries.count()).isEqualTo(1);
			assertThat(queries.totalAmount()).isEqualTo(4);
		});
	}

	@Test
	void nPlusOnesAreCountedByEndpointAndStatement() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("CREATE TABLE metrics_lines (order_id INT, product VARCHAR(40))");
			for (int request = 0; request < 2; request++) {
				request(context, "GET /orders", () -> {
					for (int id = 1; id <= 5; id++) {
						jdbc.queryForList("SELECT product FROM metrics_lines WHERE order_id = ?", String.class, id);
					}
				});
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Counter nPlusOnes = registry.get("distrace.db.n_plus_one")
				.tags("endpoint", "GET /orders", "db.query.summary", "SELECT metrics_lines")
				.counter();
			assertThat(nPlusOnes.count()).isEqualTo(2);
			assertThat(registry.get("distrace.db.queries").tag("endpoint", "GET /orders").summary().totalAmount())
				.isEqualTo(10);
		});
	}

	@Test
	void sampledOutRequestsAreCountedToo() {
		this.contextRunner.withPropertyValues("distrace.sampler.type=traceidratio", "distrace.sampler.ratio=0")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				request(context, "GET /health", () -> jdbc.queryForObject("SELECT 1", Integer.class));
				assertThat(context.getBean(MeterRegistry.class)
					.get("distrace.db.queries")
					.tag("endpoint", "GET /health")
					.summary()
					.totalAmount()).isEqualTo(1);
			});
	}

	@Test
	void slowStatementsAndLargeResultsAreCountedByTheirMarks() {
		this.contextRunner.run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			// Query spans as another instrumentation makes them: what counts is the mark.
			request(context, "GET /reports", () -> {
				tracer.spanBuilder("SELECT reports")
					.setSpanKind(SpanKind.CLIENT)
					.setAttribute("db.system.name", "postgresql")
					.setAttribute("db.query.summary", "SELECT reports")
					.setAttribute("distrace.db.slow", true)
					.setAttribute("distrace.db.large_result", true)
					.startSpan()
					.end();
				tracer.spanBuilder("SELECT reports")
					.setSpanKind(SpanKind.CLIENT)
					.setAttribute("db.system.name", "postgresql")
					.setAttribute("db.query.summary", "SELECT reports")
					.startSpan()
					.end();
			});
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("distrace.db.slow")
				.tags("endpoint", "GET /reports", "db.query.summary", "SELECT reports")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("distrace.db.large_result")
				.tags("endpoint", "GET /reports", "db.query.summary", "SELECT reports")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("db.client.operation.duration")
				.tags("db.system.name", "postgresql", "db.collection.name", "none")
				.timer()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void poolWaitsAreCountedByEndpointAndPool() {
		this.contextRunner.run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			// A pool-wait span as distrace's JDBC feature makes it (PoolWaitTests make
			// real ones).
			request(context, "GET /busy",
					() -> tracer.spanBuilder("HikariDataSource.getConnection")
						.setAttribute("db.client.connection.pool.name", "dataSource")
						.setAttribute("distrace.db.pool_wait", true)
						.startSpan()
						.end());
			assertThat(context.getBean(MeterRegistry.class)
				.get("distrace.db.pool_wait")
				.tags("endpoint", "GET /busy", "db.client.connection.pool.name", "dataSource")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void durationsHaveTheBucketsTheConventionsAdviseUnlessSwitchedOff() {
		this.contextRunner.run((context) -> {
			context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
			Timer timer = context.getBean(MeterRegistry.class).get("db.client.operation.duration").timer();
			assertThat(timer.takeSnapshot().histogramCounts()).extracting((bucket) -> bucket.bucket(TimeUnit.SECONDS))
				.containsExactly(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
		});
		this.contextRunner.withPropertyValues("distrace.metrics.histogram=false").run((context) -> {
			context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
			Timer timer = context.getBean(MeterRegistry.class).get("db.client.operation.duration").timer();
			assertThat(timer.count()).isEqualTo(1);
			assertThat(timer.takeSnapshot().histogramCounts()).isEmpty();
		});
	}

	@Test
	void aRegistryThatRefusesTheMetersFailsNoQuery(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			// As a Prometheus registry refuses a name registered before with other tags.
			context.getBean(MeterRegistry.class).config().onMeterAdded((meter) -> {
				throw new IllegalArgumentException("refused " + meter.getId().getName());
			});
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			request(context, "GET /refused", () -> assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isOne());
			assertThat(output).containsOnlyOnce("A database insight listener").contains("refused");
		});
	}

	@Test
	void summariesBeyondTheBoundAreOther() {
		this.contextRunner.withPropertyValues("distrace.metrics.max-tag-values=2").run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			for (int table = 0; table < 4; table++) {
				jdbc.execute("CREATE TABLE metrics_bound_" + table + " (id INT)");
			}
			request(context, "GET /tables", () -> {
				for (int table = 0; table < 4; table++) {
					jdbc.queryForList("SELECT id FROM metrics_bound_" + table, Integer.class);
				}
			});
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("db.client.operation.duration").timers())
				.extracting((timer) -> timer.getId().getTag("db.query.summary"))
				.containsOnly("CREATE metrics_bound_0", "CREATE metrics_bound_1", "other");
			assertThat(registry.get("db.client.operation.duration")
				.tags("db.query.summary", "other", "db.operation.name", "SELECT", "db.collection.name", "other")
				.timer()
				.count()).isEqualTo(4);
		});
	}

	private static void request(AssertableApplicationContext context, String name, Runnable work) {
		Span span = context.getBean(Tracer.class).spanBuilder(name).setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = span.makeCurrent()) {
			work.run();
		}
		finally {
			span.end();
		}
	}

}
