package io.github.distrace.benchmarks;

import java.util.function.Consumer;

import io.github.distrace.autoconfigure.sdk.internal.QueryListenersFixture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * What the database metrics add to each query, alone: the listener that database insight
 * calls as a query span ends, the metrics' (into a {@code SimpleMeterRegistry}, with and
 * without the duration buckets) against one that does nothing.
 * {@link JdbcInsightBenchmark} measures whole queries with the metrics
 * ({@code insight=metrics}); this part alone is measured with far less spread on a loaded
 * machine.
 *
 * @author distrace
 */
public class JdbcMetricsBenchmark extends Settings {

	@Param({ "off", "on", "noHistogram" })
	public String metrics;

	private DistraceContext distrace;

	private Consumer<ReadableSpan> queryEnding;

	private ReadableSpan querySpan;

	@Setup(Level.Trial)
	public void start() {
		String[] properties = { "distrace.metrics.histogram=" + !"noHistogram".equals(this.metrics) };
		this.distrace = DistraceContext.start(properties, JdbcInsightBenchmark.InsightConfiguration.class,
				JdbcInsightBenchmark.MetricsConfiguration.class);
		this.queryEnding = "off".equals(this.metrics) ? QueryListenersFixture.none()
				: QueryListenersFixture.of(this.distrace.bean(ListableBeanFactory.class));
		// A query span as distrace's JDBC feature makes it for Database.query's
		// statement, not yet ended, as database insight hands it to its listeners.
		this.querySpan = (ReadableSpan) this.distrace.tracer()
			.spanBuilder("SELECT orders")
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute("db.system.name", "h2database")
			.setAttribute("db.namespace", "metrics")
			.setAttribute("db.operation.name", "SELECT")
			.setAttribute("db.collection.name", "orders")
			.setAttribute("db.query.summary", "SELECT orders")
			.setAttribute("db.query.text", "SELECT id, status FROM orders WHERE id = ?")
			.startSpan();
	}

	@Benchmark
	public void listener() {
		this.queryEnding.accept(this.querySpan);
	}

	@TearDown(Level.Trial)
	public void verify() {
		((Span) this.querySpan).end();
		if (!"off".equals(this.metrics)) {
			JdbcInsightBenchmark.MetricsConfiguration.verifyQueriesTimed(this.distrace);
		}
		this.distrace.verifySpansAndClose(1);
	}

}
