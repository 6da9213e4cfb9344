package io.github.distrace.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;

import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One query on a held connection inside a trace that was sampled out (the caller's
 * {@code traceparent} said "not sampled", and the default {@code parentbased_always_on}
 * sampler follows it): what tracing costs the requests that are not recorded. Every
 * variant runs the query inside the same unsampled context, so the baseline pays for
 * making it current too. At the end, one query outside it must record a span, so that the
 * traced path was really in place.
 *
 * @author distrace
 */
public class JdbcSampledOutBenchmark extends Settings {

	private static final Context UNSAMPLED = Context.root()
		.with(Span.wrap(SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getDefault(), TraceState.getDefault())));

	private DistraceContext distrace;

	private HikariDataSource plainPool;

	private Connection plainConnection;

	private Connection distraceConnection;

	private Connection openTelemetryConnection;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		this.distrace = DistraceContext.start(new String[] { "distrace.sampler.type=parentbased_always_on",
				// Without keep rules, what the head sampler drops is not recorded: the
				// path measured here.
				"distrace.sampler.keep.errors=false", "distrace.sampler.keep.n-plus-one=false" },
				JdbcQueryBenchmark.PoolConfiguration.class);
		this.plainPool = Database.pool("plain");
		this.plainConnection = this.plainPool.getConnection();
		this.distraceConnection = this.distrace.bean(DataSource.class).getConnection();
		this.openTelemetryConnection = JdbcTelemetry.create(this.distrace.openTelemetry())
			.wrap(Database.pool("peer"))
			.getConnection();
	}

	@Benchmark
	public long plain() throws SQLException {
		try (Scope scope = UNSAMPLED.makeCurrent()) {
			return Database.query(this.plainConnection, 42);
		}
	}

	@Benchmark
	public long distrace() throws SQLException {
		try (Scope scope = UNSAMPLED.makeCurrent()) {
			return Database.query(this.distraceConnection, 42);
		}
	}

	@Benchmark
	public long opentelemetry() throws SQLException {
		try (Scope scope = UNSAMPLED.makeCurrent()) {
			return Database.query(this.openTelemetryConnection, 42);
		}
	}

	@TearDown(Level.Trial)
	public void verify() throws SQLException {
		try {
			Database.query(this.plainConnection, 1);
			Database.query(this.distraceConnection, 1);
			Database.query(this.openTelemetryConnection, 1);
			System.out.println(this.distrace.verifySpans(2));
		}
		finally {
			this.plainConnection.close();
			this.distraceConnection.close();
			this.openTelemetryConnection.close();
			this.plainPool.close();
			this.distrace.close();
		}
	}

}
