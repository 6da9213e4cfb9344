package io.github.distrace.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The database the JDBC benchmarks query: H2 in memory, one small table, and the one
 * query a typical endpoint runs.
 *
 * @author distrace
 */
public final class Database {

	static final String QUERY = "SELECT id, customer, status, total FROM orders WHERE id = ?";

	private static final String URL = "jdbc:h2:mem:benchmark;DB_CLOSE_DELAY=-1";

	private Database() {
	}

	/**
	 * Create a small Hikari pool on the benchmark database, with its table filled.
	 * @param name the pool's name
	 * @return the pool
	 */
	public static HikariDataSource pool(String name) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(URL);
		pool.setUsername("sa");
		pool.setPoolName(name);
		pool.setMaximumPoolSize(2);
		pool.setMinimumIdle(2);
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, customer VARCHAR(64), "
					+ "status VARCHAR(16), total DECIMAL(10, 2))");
			statement.execute("MERGE INTO orders KEY (id) SELECT x, 'customer-' || x, 'PAID', x * 1.5 "
					+ "FROM SYSTEM_RANGE(1, 100)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return pool;
	}

	/**
	 * Run the query on a connection taken from a data source, and give it back.
	 * @param dataSource the data source
	 * @param id the order to read
	 * @return what was read
	 * @throws SQLException if the query failed
	 */
	public static long query(DataSource dataSource, long id) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return query(connection, id);
		}
	}

	/**
	 * Run the query on a connection.
	 * @param connection the connection
	 * @param id the order to read
	 * @return what was read
	 * @throws SQLException if the query failed
	 */
	public static long query(Connection connection, long id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
			statement.setLong(1, id);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					throw new IllegalStateException("No order " + id);
				}
				return result.getLong(1) + result.getString(2).length();
			}
		}
	}

}
