package io.github.distrace.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One query on H2 in memory, on a connection held by the caller or taken from a Hikari
 * pool for each query: untraced, traced by distrace, and traced by OpenTelemetry's
 * {@code opentelemetry-jdbc} ({@link JdbcTelemetry}) recording into the same SDK. Every
 * traced query records one span, checked at the end of the trial.
 *
 * @author distrace
 */
public class JdbcQueryBenchmark extends Settings {

	@Param({ "held", "pool" })
	public String connection;

	private DistraceContext distrace;

	private HikariDataSource plainPool;

	private DataSource distracePool;

	private DataSource openTelemetryPool;

	private Connection plainConnection;

	private Connection distraceConnection;

	private Connection openTelemetryConnection;

	private boolean held;

	private long spans;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		this.distrace = DistraceContext.start(PoolConfiguration.class);
		this.plainPool = Database.pool("plain");
		this.distracePool = this.distrace.bean(DataSource.class);
		this.openTelemetryPool = JdbcTelemetry.create(this.distrace.openTelemetry()).wrap(Database.pool("peer"));
		this.held = "held".equals(this.connection);
		if (this.held) {
			this.plainConnection = this.plainPool.getConnection();
			this.distraceConnection = this.distracePool.getConnection();
			this.openTelemetryConnection = this.openTelemetryPool.getConnection();
		}
	}

	@Benchmark
	public long plain() throws SQLException {
		return this.held ? Database.query(this.plainConnection, 42) : Database.query(this.plainPool, 42);
	}

	@Benchmark
	public long distrace() throws SQLException {
		this.spans++;
		return this.held ? Database.query(this.distraceConnection, 42) : Database.query(this.distracePool, 42);
	}

	@Benchmark
	public long opentelemetry() throws SQLException {
		this.spans++;
		return this.held ? Database.query(this.openTelemetryConnection, 42)
				: Database.query(this.openTelemetryPool, 42);
	}

	@TearDown(Level.Trial)
	public void verify() throws SQLException {
		try {
			System.out.println(this.distrace.verifySpans(this.spans));
		}
		finally {
			if (this.held) {
				this.plainConnection.close();
				this.distraceConnection.close();
				this.openTelemetryConnection.close();
			}
			this.plainPool.close();
			this.distrace.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class PoolConfiguration {

		@Bean
		HikariDataSource dataSource() {
			return Database.pool("distrace");
		}

	}

}
