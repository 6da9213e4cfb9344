package io.github.distrace.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.distrace.autoconfigure.insight.DistraceDatabaseInsightAutoConfiguration;
import io.github.distrace.autoconfigure.metrics.DistraceMetricsAutoConfiguration;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What database insight (per-request query totals and N+1 detection) adds to a traced
 * query: the same query on H2 in memory, on a held connection, below an open request
 * span, with the insight auto-configuration off and on. {@code query} repeats one
 * statement below one span, the N+1 shape, so that each run after the first takes the
 * counting path; {@code request} is a whole request: a server span with four queries, one
 * short of the N+1 threshold, so that it measures what every request pays;
 * {@code querySpan} is the first without the database: a span with the attributes that
 * distrace's JDBC instrumentation gives the sample's queries ({@link SampleTraces}),
 * started and ended below the open request span, so that what insight adds to a span is
 * not lost in the query's own time. With {@code metrics}, insight is on and the database
 * metrics too, into a {@link SimpleMeterRegistry}: the difference to {@code on} is what
 * the metrics cost.
 *
 * @author distrace
 */
public class JdbcInsightBenchmark extends Settings {

	@Param({ "off", "on", "metrics" })
	public String insight;

	private DistraceContext distrace;

	private Connection connection;

	private Span request;

	private Scope requestScope;

	private long spans;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		this.distrace = switch (this.insight) {
			case "on" -> DistraceContext.start(PoolConfiguration.class, InsightConfiguration.class);
			case "metrics" ->
				DistraceContext.start(PoolConfiguration.class, InsightConfiguration.class, MetricsConfiguration.class);
			default -> DistraceContext.start(PoolConfiguration.class);
		};
		this.connection = this.distrace.bean(DataSource.class).getConnection();
	}

	@Setup(Level.Iteration)
	public void openRequest() {
		this.request = this.distrace.tracer().spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
		this.requestScope = this.request.makeCurrent();
	}

	@Benchmark
	public long query() throws SQLException {
		this.spans++;
		return Database.query(this.connection, 42);
	}

	@Benchmark
	public long request() throws SQLException {
		this.spans += 5;
		Span span = this.distrace.tracer().spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
		long total = 0;
		try (Scope scope = span.makeCurrent()) {
			for (int id = 1; id <= 4; id++) {
				total += Database.query(this.connection, id);
			}
		}
		finally {
			span.end();
		}
		return total;
	}

	@Benchmark
	public void querySpan() {
		this.spans++;
		this.distrace.tracer()
			.spanBuilder("SELECT orders")
			.setSpanKind(SpanKind.CLIENT)
			.setAllAttributes(SampleTraces.OVERVIEW_QUERY)
			.startSpan()
			.setAttribute(SampleTraces.RETURNED_ROWS, 1L)
			.end();
	}

	@TearDown(Level.Iteration)
	public void endRequest() {
		this.requestScope.close();
		this.request.end();
		this.spans++;
	}

	@TearDown(Level.Trial)
	public void verify() throws SQLException {
		try {
			this.connection.close();
			if ("metrics".equals(this.insight)) {
				MetricsConfiguration.verifyQueriesTimed(this.distrace);
			}
		}
		finally {
			this.distrace.verifySpansAndClose(this.spans);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class PoolConfiguration {

		@Bean
		HikariDataSource dataSource() {
			return Database.pool("insight");
		}

	}

	@ImportAutoConfiguration(DistraceDatabaseInsightAutoConfiguration.class)
	static class InsightConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DistraceMetricsAutoConfiguration.class)
	static class MetricsConfiguration {

		// Cumulative, as Spring Boot configures its simple registry, and as Prometheus
		// counts.
		@Bean
		SimpleMeterRegistry meterRegistry() {
			SimpleConfig cumulative = (key) -> key.equals("simple.mode") ? CountingMode.CUMULATIVE.name() : null;
			return new SimpleMeterRegistry(cumulative, Clock.SYSTEM);
		}

		/**
		 * Check that the metrics were really recorded.
		 */
		static void verifyQueriesTimed(DistraceContext distrace) {
			long timed = distrace.bean(MeterRegistry.class)
				.get("db.client.operation.duration")
				.timers()
				.stream()
				.mapToLong(Timer::count)
				.sum();
			if (timed == 0) {
				throw new IllegalStateException("No query was timed");
			}
		}

	}

}
