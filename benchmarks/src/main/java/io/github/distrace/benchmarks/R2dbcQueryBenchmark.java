package io.github.distrace.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query of {@link JdbcQueryBenchmark} through R2DBC on H2 in memory, on a connection
 * held by the caller: untraced and traced by distrace, beside the same query through JDBC
 * traced by distrace, so that one run gives what an R2DBC query span costs against a JDBC
 * one; and through R2DBC Proxy with no listener, what that library, which R2DBC query
 * spans were first made with, costs by itself. Every traced query records one span,
 * checked at the end of the trial.
 *
 * @author distrace
 */
public class R2dbcQueryBenchmark extends Settings {

	private static final String QUERY = "SELECT id, customer, status, total FROM orders WHERE id = $1";

	private DistraceContext distrace;

	private HikariDataSource plainPool;

	private Connection jdbcConnection;

	private io.r2dbc.spi.Connection plainConnection;

	private io.r2dbc.spi.Connection distraceConnection;

	private io.r2dbc.spi.Connection proxiedConnection;

	private long spans;

	@Setup(Level.Trial)
	public void start() throws SQLException {
		this.plainPool = Database.pool("plain"); // makes the table
		this.distrace = DistraceContext.start(Configurations.class);
		this.jdbcConnection = this.distrace.bean(DataSource.class).getConnection();
		this.plainConnection = Mono.from(connectionFactory().create()).block();
		this.distraceConnection = Mono.from(this.distrace.bean(ConnectionFactory.class).create()).block();
		this.proxiedConnection = Mono.from(ProxyConnectionFactory.builder(connectionFactory()).build().create())
			.block();
	}

	@Benchmark
	public long jdbc() throws SQLException {
		this.spans++;
		return Database.query(this.jdbcConnection, 42);
	}

	@Benchmark
	public long plain() {
		return query(this.plainConnection);
	}

	@Benchmark
	public long proxyAlone() {
		return query(this.proxiedConnection);
	}

	@Benchmark
	public long distrace() {
		this.spans++;
		return query(this.distraceConnection);
	}

	private static long query(io.r2dbc.spi.Connection connection) {
		Long read = Flux.from(connection.createStatement(QUERY).bind("$1", 42L).execute())
			.flatMap((result) -> result
				.map((row, metadata) -> row.get("id", Long.class) + row.get("customer", String.class).length()))
			.blockLast();
		if (read == null) {
			throw new IllegalStateException("No order 42");
		}
		return read;
	}

	@TearDown(Level.Trial)
	public void verify() throws SQLException {
		try {
			System.out.println(this.distrace.verifySpans(this.spans));
		}
		finally {
			Mono.from(this.plainConnection.close()).block();
			Mono.from(this.distraceConnection.close()).block();
			Mono.from(this.proxiedConnection.close()).block();
			this.jdbcConnection.close();
			this.plainPool.close();
			this.distrace.close();
		}
	}

	static ConnectionFactory connectionFactory() {
		return ConnectionFactories.get(ConnectionFactoryOptions.parse("r2dbc:h2:mem:///benchmark")
			.mutate()
			.option(ConnectionFactoryOptions.USER, "sa")
			.option(ConnectionFactoryOptions.PASSWORD, "")
			.build());
	}

	@Configuration(proxyBeanMethods = false)
	static class Configurations {

		@Bean
		HikariDataSource dataSource() {
			return Database.pool("distrace");
		}

		@Bean
		ConnectionFactory connectionFactory() {
			return R2dbcQueryBenchmark.connectionFactory();
		}

	}

}
