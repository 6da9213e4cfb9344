package io.github.distrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.distrace.autoconfigure.insight.DistraceDatabaseInsightAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Waits for a connection from a real HikariCP pool of one connection, on a real H2
 * database: a long wait is a span of its own with the pool's counts, and the local root
 * carries the time waited; a fast acquisition makes no span; an acquisition that times
 * out is an error span, and the application gets HikariCP's own exception.
 */
class PoolWaitTests {

	private static final AttributeKey<Double> POOL_WAIT_MS = AttributeKey.doubleKey("distrace.db.pool_wait_ms");

	private static final String POOL_WAIT_SPAN = "HikariDataSource.getConnection";

	private static final long THRESHOLD_MILLIS = 50;

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	@Test
	void waitForTheOnlyConnectionIsASpanWithThePoolsCounts() {
		run("10000", (context) -> {
			waitForTheHeldConnection(context);
			SpanData root = span("GET /orders");
			SpanData wait = span(POOL_WAIT_SPAN);
			assertThat(wait.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(wait.getTraceId()).isEqualTo(root.getTraceId());
			assertThat(wait.getParentSpanId()).isEqualTo(root.getSpanId());
			assertThat(wait.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(millis(wait)).isGreaterThan(THRESHOLD_MILLIS + 10);
			// It began when the connection was asked for: before the query it made way
			// for.
			assertThat(wait.getStartEpochNanos()).isLessThan(span("SELECT").getStartEpochNanos());
			assertThat(wait.getAttributes().asMap())
				.containsEntry(AttributeKey.stringKey("db.client.connection.pool.name"), "dataSource")
				.containsEntry(AttributeKey.booleanKey("distrace.db.pool_wait"), true)
				// Read as the wait ended: this request holds the one connection, no one
				// waits.
				.containsEntry(AttributeKey.longKey("db.client.connection.count.used"), 1L)
				.containsEntry(AttributeKey.longKey("db.client.connection.count.idle"), 0L)
				.containsEntry(AttributeKey.longKey("db.client.connection.pending_requests"), 0L)
				.containsEntry(AttributeKey.longKey("db.client.connection.max"), 1L);
			assertThat(root.getAttributes().get(POOL_WAIT_MS)).isCloseTo(millis(wait), within(0.001));
		});
	}

	@Test
	void withConnectionSpansTheSpanOfALongWaitIsMarkedAndCounted() {
		run("10000", new String[] { "distrace.jdbc.connection-spans=true" }, (context) -> {
			waitForTheHeldConnection(context);
			// Every acquisition is a span now, the fast one of the held connection too.
			SpanData root = span("GET /orders");
			SpanData wait = this.exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals(POOL_WAIT_SPAN))
				.filter((span) -> span.getParentSpanId().equals(root.getSpanId()))
				.findFirst()
				.orElseThrow();
			assertThat(wait.getAttributes().get(AttributeKey.booleanKey("distrace.db.pool_wait"))).isTrue();
			assertThat(wait.getAttributes().get(AttributeKey.longKey("db.client.connection.max"))).isEqualTo(1L);
			assertThat(root.getAttributes().get(POOL_WAIT_MS)).isCloseTo(millis(wait), within(0.001));
		});
	}

	@Test
	void fastAcquisitionMakesNoSpan() {
		run("10000", (context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			request(context, () -> {
				try (Connection connection = dataSource.getConnection()) {
					connection.createStatement().execute("SELECT 1");
				}
			});
			assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
				.containsExactly("SELECT", "GET /orders");
			assertThat(span("GET /orders").getAttributes().get(POOL_WAIT_MS)).isNull();
		});
	}

	@Test
	void timedOutAcquisitionIsAnErrorSpanAndTheApplicationGetsItsOwnException() {
		run("250", (context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			SQLException[] thrown = new SQLException[1];
			try (Connection held = dataSource.getConnection()) {
				request(context,
						() -> thrown[0] = assertThatExceptionOfType(SQLTransientConnectionException.class)
							.isThrownBy(dataSource::getConnection)
							.withMessageContaining("Connection is not available, request timed out after")
							.actual());
			}
			SpanData wait = span(POOL_WAIT_SPAN);
			assertThat(wait.getParentSpanId()).isEqualTo(span("GET /orders").getSpanId());
			assertThat(wait.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(wait.getAttributes().get(AttributeKey.stringKey("error.type")))
				.isEqualTo(SQLTransientConnectionException.class.getName());
			assertThat(wait.getAttributes().get(AttributeKey.booleanKey("distrace.db.pool_wait"))).isTrue();
			assertThat(wait.getEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
			assertThat(millis(wait)).isGreaterThanOrEqualTo(250);
			assertThat(thrown[0].getClass()).isEqualTo(SQLTransientConnectionException.class);
			assertThat(span("GET /orders").getAttributes().get(POOL_WAIT_MS)).isCloseTo(millis(wait), within(0.001));
		});
	}

	/**
	 * Hold the pool's one connection while a request asks for one, and give it back once
	 * that request has waited longer than the threshold.
	 */
	private static void waitForTheHeldConnection(AssertableApplicationContext context) throws Exception {
		DataSource dataSource = context.getBean(DataSource.class);
		HikariPoolMXBean pool = context.getBean(HikariDataSource.class).getHikariPoolMXBean();
		AtomicLong askedAt = new AtomicLong();
		CompletableFuture<Void> waiter;
		try (Connection held = dataSource.getConnection()) {
			waiter = CompletableFuture.runAsync(() -> request(context, () -> {
				askedAt.set(System.nanoTime());
				try (Connection connection = dataSource.getConnection()) {
					connection.createStatement().execute("SELECT 1");
				}
			}));
			await().pollInterval(Duration.ofMillis(5))
				.until(() -> pool.getThreadsAwaitingConnection() == 1 && askedAt.get() != 0
						&& System.nanoTime() - askedAt.get() > TimeUnit.MILLISECONDS.toNanos(THRESHOLD_MILLIS + 10));
		}
		waiter.get(10, TimeUnit.SECONDS);
	}

	private void run(String connectionTimeout, ContextTest test) {
		run(connectionTimeout, new String[0], test);
	}

	private void run(String connectionTimeout, String[] properties, ContextTest test) {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceJdbcAutoConfiguration.class,
							DistraceDatabaseInsightAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none",
					"distrace.jdbc.pool-wait.threshold=" + THRESHOLD_MILLIS + "ms",
					"spring.datasource.url=jdbc:h2:mem:distrace_pool_wait;DB_CLOSE_DELAY=-1",
					"spring.datasource.username=sa", "spring.datasource.password=",
					"spring.datasource.hikari.maximum-pool-size=1", "spring.datasource.hikari.minimum-idle=1",
					"spring.datasource.hikari.connection-timeout=" + connectionTimeout)
			.withPropertyValues(properties)
			.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// The pool starts, and makes its connection, on the first acquisition.
				context.getBean(DataSource.class).getConnection().close();
				this.exporter.reset();
				test.run(context);
			});
	}

	private static void request(AssertableApplicationContext context, Work work) {
		Span span = context.getBean(Tracer.class).spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = span.makeCurrent()) {
			work.run();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			span.end();
		}
	}

	private SpanData span(String name) {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		return spans.stream().filter((span) -> span.getName().equals(name)).reduce((first, second) -> {
			throw new AssertionError("More than one span " + name + " in " + spans);
		}).orElseThrow(() -> new AssertionError("No span " + name + " in " + spans));
	}

	private static double millis(SpanData span) {
		return (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6;
	}

	@FunctionalInterface
	interface ContextTest {

		void run(AssertableApplicationContext context) throws Exception;

	}

	@FunctionalInterface
	interface Work {

		void run() throws SQLException;

	}

}
