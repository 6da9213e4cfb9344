package io.github.distrace.autoconfigure.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

import io.github.distrace.autoconfigure.jdbc.JdbcTracing.JdbcCall;
import io.github.distrace.autoconfigure.sql.DatabaseInfo;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.semconv.DbAttributes;
import org.jspecify.annotations.Nullable;

/**
 * A traced {@link Connection}: its statements are traced and, if configured, its commits
 * and rollbacks get spans. Everything else goes straight to the driver's connection.
 * <p>
 * Written out method by method rather than as a dynamic proxy: a call that is not traced
 * costs one virtual call, with no reflection, argument array or boxing, and a sampled-out
 * query costs next to nothing. The delegating methods follow {@code java.sql.Connection}
 * in its declaration order.
 *
 * @author distrace
 */
final class TracedConnection extends JdbcWrapper<Connection> implements Connection {

	private final JdbcTracing tracing;

	private @Nullable DatabaseInfo database;

	// The result sets whose spans are open, linked through themselves so that tracking
	// them allocates nothing; as HikariCP tracks its statements, for one thread at a
	// time.
	private @Nullable TracedResultSet openResults;

	private TracedConnection(Connection delegate, JdbcTracing tracing) {
		super(delegate);
		this.tracing = tracing;
	}

	/**
	 * Trace a connection, unless it is traced already (a data source that delegates to
	 * another traced one hands out the connections it got).
	 * @param connection the driver's or the pool's connection
	 * @param tracing how to trace it
	 * @return the traced connection
	 */
	static Connection wrap(Connection connection, JdbcTracing tracing) {
		return (connection instanceof TracedConnection) ? connection : new TracedConnection(connection, tracing);
	}

	JdbcTracing tracing() {
		return this.tracing;
	}

	// Read when the first query span is made, not when the connection is taken from the
	// pool.
	DatabaseInfo database() {
		DatabaseInfo database = this.database;
		if (database == null) {
			database = this.tracing.database(this.delegate);
			this.database = database;
		}
		return database;
	}

	/**
	 * Track a result set whose span is open, to end it when this connection is closed.
	 * @param result the result set
	 */
	void opened(TracedResultSet result) {
		TracedResultSet first = this.openResults;
		result.nextOpen = first;
		if (first != null) {
			first.previousOpen = result;
		}
		this.openResults = result;
	}

	/**
	 * Stop tracking a result set whose span has ended.
	 * @param result the result set
	 */
	void ended(TracedResultSet result) {
		TracedResultSet previous = result.previousOpen;
		TracedResultSet next = result.nextOpen;
		if (previous != null) {
			previous.nextOpen = next;
		}
		else if (this.openResults == result) {
			this.openResults = next;
		}
		if (next != null) {
			next.previousOpen = previous;
		}
		result.previousOpen = null;
		result.nextOpen = null;
	}

	// A pooled connection is handed back on close: no span may stay open on it, and each
	// one's plan, if it gets one, is asked for while the connection is still this one's.
	private void closeResults() {
		TracedResultSet result = this.openResults;
		while (result != null) {
			TracedResultSet next = result.nextOpen;
			result.closeAndEnd();
			result = next;
		}
	}

	private @Nullable Void transaction(String operation, JdbcCall<@Nullable Void> call) throws SQLException {
		if (!this.tracing.properties().isTransactionSpans()) {
			return call.call();
		}
		AttributesBuilder attributes = Attributes.builder();
		database().addTo(attributes);
		attributes.put(DbAttributes.DB_OPERATION_NAME, operation);
		return this.tracing.span(operation, SpanKind.CLIENT, attributes.build(), call);
	}

	@Override
	public Statement createStatement() throws SQLException {
		return new TracedStatement(this.delegate.createStatement(), this);
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
		return new TracedStatement(this.delegate.createStatement(resultSetType, resultSetConcurrency), this);
	}

	@Override
	public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
			throws SQLException {
		return new TracedStatement(
				this.delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability), this);
	}

	@Override
	public PreparedStatement prepareStatement(String sql) throws SQLException {
		return new TracedPreparedStatement(this.delegate.prepareStatement(this.tracing.comment(sql)), this, sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
			throws SQLException {
		return new TracedPreparedStatement(
				this.delegate.prepareStatement(this.tracing.comment(sql), resultSetType, resultSetConcurrency), this,
				sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return new TracedPreparedStatement(this.delegate.prepareStatement(this.tracing.comment(sql), resultSetType,
				resultSetConcurrency, resultSetHoldability), this, sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
		return new TracedPreparedStatement(this.delegate.prepareStatement(this.tracing.comment(sql), autoGeneratedKeys),
				this, sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
		return new TracedPreparedStatement(this.delegate.prepareStatement(this.tracing.comment(sql), columnIndexes),
				this, sql);
	}

	@Override
	public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
		return new TracedPreparedStatement(this.delegate.prepareStatement(this.tracing.comment(sql), columnNames), this,
				sql);
	}

	@Override
	public CallableStatement prepareCall(String sql) throws SQLException {
		return new TracedCallableStatement(this.delegate.prepareCall(this.tracing.comment(sql)), this, sql);
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
		return new TracedCallableStatement(
				this.delegate.prepareCall(this.tracing.comment(sql), resultSetType, resultSetConcurrency), this, sql);
	}

	@Override
	public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
			int resultSetHoldability) throws SQLException {
		return new TracedCallableStatement(this.delegate.prepareCall(this.tracing.comment(sql), resultSetType,
				resultSetConcurrency, resultSetHoldability), this, sql);
	}

	// The call's null is a @Nullable Void: NullAway reads type arguments only in JSpecify
	// mode, which Java 17's javac cannot run, so it takes it for a non-null T.
	@Override
	@SuppressWarnings("NullAway")
	public void commit() throws SQLException {
		transaction("COMMIT", () -> {
			this.delegate.commit();
			return null;
		});
	}

	// The call's null is a @Nullable Void: NullAway reads type arguments only in JSpecify
	// mode, which Java 17's javac cannot run, so it takes it for a non-null T.
	@Override
	@SuppressWarnings("NullAway")
	public void rollback() throws SQLException {
		transaction("ROLLBACK", () -> {
			this.delegate.rollback();
			return null;
		});
	}

	// The call's null is a @Nullable Void: NullAway reads type arguments only in JSpecify
	// mode, which Java 17's javac cannot run, so it takes it for a non-null T.
	@Override
	@SuppressWarnings("NullAway")
	public void rollback(Savepoint savepoint) throws SQLException {
		transaction("ROLLBACK", () -> {
			this.delegate.rollback(savepoint);
			return null;
		});
	}

	// Everything below goes to the driver unchanged, but for close, which first ends the
	// spans of the result sets still open.

	@Override
	public String nativeSQL(String sql) throws SQLException {
		return this.delegate.nativeSQL(sql);
	}

	@Override
	public void setAutoCommit(boolean autoCommit) throws SQLException {
		this.delegate.setAutoCommit(autoCommit);
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		return this.delegate.getAutoCommit();
	}

	@Override
	public void close() throws SQLException {
		try {
			closeResults();
		}
		finally {
			this.delegate.close();
		}
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.delegate.isClosed();
	}

	@Override
	public DatabaseMetaData getMetaData() throws SQLException {
		return this.delegate.getMetaData();
	}

	@Override
	public void setReadOnly(boolean readOnly) throws SQLException {
		this.delegate.setReadOnly(readOnly);
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		return this.delegate.isReadOnly();
	}

	@Override
	public void setCatalog(String catalog) throws SQLException {
		this.delegate.setCatalog(catalog);
	}

	@Override
	public String getCatalog() throws SQLException {
		return this.delegate.getCatalog();
	}

	@Override
	public void setTransactionIsolation(int level) throws SQLException {
		this.delegate.setTransactionIsolation(level);
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		return this.delegate.getTransactionIsolation();
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return this.delegate.getWarnings();
	}

	@Override
	public void clearWarnings() throws SQLException {
		this.delegate.clearWarnings();
	}

	@Override
	public Map<String, Class<?>> getTypeMap() throws SQLException {
		return this.delegate.getTypeMap();
	}

	@Override
	public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
		this.delegate.setTypeMap(map);
	}

	@Override
	public void setHoldability(int holdability) throws SQLException {
		this.delegate.setHoldability(holdability);
	}

	@Override
	public int getHoldability() throws SQLException {
		return this.delegate.getHoldability();
	}

	@Override
	public Savepoint setSavepoint() throws SQLException {
		return this.delegate.setSavepoint();
	}

	@Override
	public Savepoint setSavepoint(String name) throws SQLException {
		return this.delegate.setSavepoint(name);
	}

	@Override
	public void releaseSavepoint(Savepoint savepoint) throws SQLException {
		this.delegate.releaseSavepoint(savepoint);
	}

	@Override
	public Clob createClob() throws SQLException {
		return this.delegate.createClob();
	}

	@Override
	public Blob createBlob() throws SQLException {
		return this.delegate.createBlob();
	}

	@Override
	public NClob createNClob() throws SQLException {
		return this.delegate.createNClob();
	}

	@Override
	public SQLXML createSQLXML() throws SQLException {
		return this.delegate.createSQLXML();
	}

	@Override
	public boolean isValid(int timeout) throws SQLException {
		return this.delegate.isValid(timeout);
	}

	@Override
	public void setClientInfo(String name, String value) throws SQLClientInfoException {
		this.delegate.setClientInfo(name, value);
	}

	@Override
	public void setClientInfo(Properties properties) throws SQLClientInfoException {
		this.delegate.setClientInfo(properties);
	}

	@Override
	public String getClientInfo(String name) throws SQLException {
		return this.delegate.getClientInfo(name);
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		return this.delegate.getClientInfo();
	}

	@Override
	public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
		return this.delegate.createArrayOf(typeName, elements);
	}

	@Override
	public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
		return this.delegate.createStruct(typeName, attributes);
	}

	@Override
	public void setSchema(String schema) throws SQLException {
		this.delegate.setSchema(schema);
	}

	@Override
	public String getSchema() throws SQLException {
		return this.delegate.getSchema();
	}

	// Called from another thread, for a connection that may hang: the spans of its result
	// sets end when the thread that uses it closes them, failing.
	@Override
	public void abort(Executor executor) throws SQLException {
		this.delegate.abort(executor);
	}

	@Override
	public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
		this.delegate.setNetworkTimeout(executor, milliseconds);
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		return this.delegate.getNetworkTimeout();
	}

	@Override
	public void beginRequest() throws SQLException {
		this.delegate.beginRequest();
	}

	@Override
	public void endRequest() throws SQLException {
		this.delegate.endRequest();
	}

	@Override
	public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout)
			throws SQLException {
		return this.delegate.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
	}

	@Override
	public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
		return this.delegate.setShardingKeyIfValid(shardingKey, timeout);
	}

	@Override
	public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
		this.delegate.setShardingKey(shardingKey, superShardingKey);
	}

	@Override
	public void setShardingKey(ShardingKey shardingKey) throws SQLException {
		this.delegate.setShardingKey(shardingKey);
	}

}
