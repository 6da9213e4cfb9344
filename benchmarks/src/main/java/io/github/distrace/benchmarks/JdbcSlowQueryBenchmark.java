package io.github.distrace.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What slow-statement capture costs a statement that turns out fast: the
 * {@link JdbcQueryBenchmark} query on a held connection, traced by distrace with the
 * default slow-query settings ({@code off}) and with
 * {@code distrace.jdbc.slow-query.capture-parameters} and {@code explain} on
 * ({@code on}). A fast statement keeps a reference to its bind value and reads its span's
 * duration; it formats nothing and requests no plan.
 *
 * @author distrace
 */
public class JdbcSlowQueryBenchmark extends Settings {

	@Param({ "off", "on" })
	public String capture;

	private DistraceContext distrace;

	private Connection connection;

	private long spans;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		String[] properties = "on".equals(this.capture) ? new String[] {
				"distrace.jdbc.slow-query.capture-parameters=true", "distrace.jdbc.slow-query.explain=true" }
				: new String[0];
		this.distrace = DistraceContext.start(properties, JdbcQueryBenchmark.PoolConfiguration.class);
		this.connection = this.distrace.bean(DataSource.class).getConnection();
	}

	@Benchmark
	public long distrace() throws SQLException {
		this.spans++;
		return Database.query(this.connection, 42);
	}

	@TearDown(Level.Trial)
	public void verify() throws SQLException {
		this.connection.close();
		this.distrace.verifySpansAndClose(this.spans);
	}

}
