package io.github.distrace.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.distrace.autoconfigure.jdbc.JdbcTracing.JdbcCall;
import org.jspecify.annotations.Nullable;

/**
 * A traced {@link Statement}: one query span per execution, and one per batch; everything
 * else goes straight to the driver's statement. The span of an execution that returns a
 * result set ends with that result set ({@link TracedResultSet}), which this statement
 * ends at the latest when it is closed, executed again or moved to its next result.
 * {@link TracedPreparedStatement} and {@link TracedCallableStatement} build on it.
 * Written out rather than a dynamic proxy, for the reason {@link TracedConnection} gives;
 * the delegating methods follow {@code java.sql.Statement} in its declaration order.
 *
 * @author distrace
 */
class TracedStatement extends JdbcWrapper<Statement> implements Statement {

	// A batch of plain statements names at most this many distinct ones in its span.
	private static final int MAX_DISTINCT_BATCH_STATEMENTS = 32;

	private final TracedConnection connection;

	// Made on the first addBatch: most statements are never batched.
	private @Nullable Set<String> batch;

	private int batchSize;

	// The result set of the last execution while its span is open: most statements have
	// none.
	private @Nullable TracedResultSet result;

	TracedStatement(Statement delegate, TracedConnection connection) {
		super(delegate);
		this.connection = connection;
	}

	final TracedConnection connection() {
		return this.connection;
	}

	/**
	 * Run an execution that returns no result set inside a query span.
	 * @param sql the statement executed
	 * @param execution the execution
	 * @return what the execution returned
	 * @throws SQLException what the driver threw, unchanged
	 */
	final <T extends @Nullable Object> T query(String sql, JdbcCall<T> execution) throws SQLException {
		closeResult();
		return this.connection.tracing().query(this.connection, sql, bindValues(), execution);
	}

	/**
	 * Run an execution that returns a result set inside a query span that ends with it.
	 * @param sql the statement executed
	 * @param execution the execution
	 * @return the result set
	 * @throws SQLException what the driver threw, unchanged
	 */
	// Null only where the execution returned null, which executeQuery never does (JDBC).
	@SuppressWarnings("NullAway")
	final ResultSet queryForResult(String sql, JdbcCall<ResultSet> execution) throws SQLException {
		closeResult();
		return this.connection.tracing().queryForResult(this, sql, bindValues(), execution);
	}

	/**
	 * Run an {@code execute} inside a query span that ends with its result set, if it
	 * returns one, and when it returns otherwise. The result set is taken from the driver
	 * right away, to count its rows; {@link #getResultSet()} returns it.
	 * @param sql the statement executed
	 * @param execution the execution
	 * @return whether the first result is a result set
	 * @throws SQLException what the driver threw, unchanged
	 */
	@SuppressWarnings("NullAway") // a @Nullable T: see TracedConnection.commit
	final boolean executeForResult(String sql, JdbcCall<Boolean> execution) throws SQLException {
		closeResult();
		JdbcCall<@Nullable ResultSet> firstResult = () -> execution.call() ? this.delegate.getResultSet() : null;
		return this.connection.tracing().queryForResult(this, sql, bindValues(), firstResult) != null;
	}

	/**
	 * Remember the result set of an execution, traced, until its span ends.
	 * @param result the result set
	 */
	final void opened(TracedResultSet result) {
		this.result = result;
		this.connection.opened(result);
	}

	/**
	 * Forget a result set whose span has ended.
	 * @param result the result set
	 */
	final void ended(TracedResultSet result) {
		if (this.result == result) {
			this.result = null;
		}
		this.connection.ended(result);
	}

	// Its next result: the span counts the first result set's rows, read until now (one
	// kept open with KEEP_CURRENT_RESULT is still the application's to read and close).
	private void endResult() {
		TracedResultSet result = this.result;
		if (result != null) {
			result.end();
		}
	}

	// The driver closes a statement's result set when it is executed again or closed: its
	// span ends first.
	private void closeResult() {
		TracedResultSet result = this.result;
		if (result != null) {
			result.closeAndEnd();
		}
	}

	/**
	 * Return the values bound to this statement's parameters, for a slow or failed
	 * execution's span and its plan.
	 * @return the values, or {@code null} when the statement has none or none are kept
	 */
	@Nullable BindValues bindValues() {
		return null;
	}

	/**
	 * Add the current trace context to a statement's text, if configured. Called inside
	 * the query span, so that the comment names the query span.
	 * @param sql the statement
	 * @return the statement to hand to the driver
	 */
	final String comment(String sql) {
		return this.connection.tracing().comment(sql);
	}

	/**
	 * Remember a statement added to the batch, for the batch's span.
	 * @param sql the statement
	 */
	final void batched(String sql) {
		Set<String> batch = this.batch;
		if (batch == null) {
			batch = new LinkedHashSet<>();
			this.batch = batch;
		}
		if (batch.size() < MAX_DISTINCT_BATCH_STATEMENTS) {
			batch.add(sql);
		}
		this.batchSize++;
	}

	private <T extends @Nullable Object> T executeBatch(JdbcCall<T> execution) throws SQLException {
		closeResult();
		List<String> statements = (this.batch != null) ? List.copyOf(this.batch) : List.of();
		int size = this.batchSize;
		// Executing a batch empties it, whether or not it succeeds.
		this.batch = null;
		this.batchSize = 0;
		return this.connection.tracing().query(this.connection, statements, size, bindValues(), execution);
	}

	@Override
	public Connection getConnection() {
		return this.connection;
	}

	@Override
	public ResultSet executeQuery(String sql) throws SQLException {
		return queryForResult(sql, () -> this.delegate.executeQuery(comment(sql)));
	}

	@Override
	public int executeUpdate(String sql) throws SQLException {
		return query(sql, () -> this.delegate.executeUpdate(comment(sql)));
	}

	@Override
	public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
		return query(sql, () -> this.delegate.executeUpdate(comment(sql), autoGeneratedKeys));
	}

	@Override
	public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
		return query(sql, () -> this.delegate.executeUpdate(comment(sql), columnIndexes));
	}

	@Override
	public int executeUpdate(String sql, String[] columnNames) throws SQLException {
		return query(sql, () -> this.delegate.executeUpdate(comment(sql), columnNames));
	}

	@Override
	public long executeLargeUpdate(String sql) throws SQLException {
		return query(sql, () -> this.delegate.executeLargeUpdate(comment(sql)));
	}

	@Override
	public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
		return query(sql, () -> this.delegate.executeLargeUpdate(comment(sql), autoGeneratedKeys));
	}

	@Override
	public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
		return query(sql, () -> this.delegate.executeLargeUpdate(comment(sql), columnIndexes));
	}

	@Override
	public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
		return query(sql, () -> this.delegate.executeLargeUpdate(comment(sql), columnNames));
	}

	@Override
	public boolean execute(String sql) throws SQLException {
		return executeForResult(sql, () -> this.delegate.execute(comment(sql)));
	}

	@Override
	public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
		return executeForResult(sql, () -> this.delegate.execute(comment(sql), autoGeneratedKeys));
	}

	@Override
	public boolean execute(String sql, int[] columnIndexes) throws SQLException {
		return executeForResult(sql, () -> this.delegate.execute(comment(sql), columnIndexes));
	}

	@Override
	public boolean execute(String sql, String[] columnNames) throws SQLException {
		return executeForResult(sql, () -> this.delegate.execute(comment(sql), columnNames));
	}

	@Override
	public void addBatch(String sql) throws SQLException {
		this.delegate.addBatch(comment(sql));
		batched(sql);
	}

	@Override
	public void clearBatch() throws SQLException {
		this.batch = null;
		this.batchSize = 0;
		this.delegate.clearBatch();
	}

	@Override
	public int[] executeBatch() throws SQLException {
		return executeBatch(this.delegate::executeBatch);
	}

	@Override
	public long[] executeLargeBatch() throws SQLException {
		return executeBatch(this.delegate::executeLargeBatch);
	}

	// Everything below goes to the driver unchanged, but for close, getResultSet and
	// getMoreResults, which take care of the open result set's span.

	@Override
	public void close() throws SQLException {
		try {
			closeResult();
		}
		finally {
			this.delegate.close();
		}
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		return this.delegate.getMaxFieldSize();
	}

	@Override
	public void setMaxFieldSize(int max) throws SQLException {
		this.delegate.setMaxFieldSize(max);
	}

	@Override
	public int getMaxRows() throws SQLException {
		return this.delegate.getMaxRows();
	}

	@Override
	public void setMaxRows(int max) throws SQLException {
		this.delegate.setMaxRows(max);
	}

	@Override
	public void setEscapeProcessing(boolean enable) throws SQLException {
		this.delegate.setEscapeProcessing(enable);
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		return this.delegate.getQueryTimeout();
	}

	@Override
	public void setQueryTimeout(int seconds) throws SQLException {
		this.delegate.setQueryTimeout(seconds);
	}

	@Override
	public void cancel() throws SQLException {
		this.delegate.cancel();
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
	public void setCursorName(String name) throws SQLException {
		this.delegate.setCursorName(name);
	}

	@Override
	public ResultSet getResultSet() throws SQLException {
		TracedResultSet result = this.result;
		return (result != null) ? result : this.delegate.getResultSet();
	}

	@Override
	public int getUpdateCount() throws SQLException {
		return this.delegate.getUpdateCount();
	}

	@Override
	public boolean getMoreResults() throws SQLException {
		try {
			return this.delegate.getMoreResults();
		}
		finally {
			endResult();
		}
	}

	@Override
	public void setFetchDirection(int direction) throws SQLException {
		this.delegate.setFetchDirection(direction);
	}

	@Override
	public int getFetchDirection() throws SQLException {
		return this.delegate.getFetchDirection();
	}

	@Override
	public void setFetchSize(int rows) throws SQLException {
		this.delegate.setFetchSize(rows);
	}

	@Override
	public int getFetchSize() throws SQLException {
		return this.delegate.getFetchSize();
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		return this.delegate.getResultSetConcurrency();
	}

	@Override
	public int getResultSetType() throws SQLException {
		return this.delegate.getResultSetType();
	}

	@Override
	public boolean getMoreResults(int current) throws SQLException {
		try {
			return this.delegate.getMoreResults(current);
		}
		finally {
			endResult();
		}
	}

	@Override
	public ResultSet getGeneratedKeys() throws SQLException {
		return this.delegate.getGeneratedKeys();
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		return this.delegate.getResultSetHoldability();
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.delegate.isClosed();
	}

	@Override
	public void setPoolable(boolean poolable) throws SQLException {
		this.delegate.setPoolable(poolable);
	}

	@Override
	public boolean isPoolable() throws SQLException {
		return this.delegate.isPoolable();
	}

	@Override
	public void closeOnCompletion() throws SQLException {
		this.delegate.closeOnCompletion();
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		return this.delegate.isCloseOnCompletion();
	}

	@Override
	public long getLargeUpdateCount() throws SQLException {
		return this.delegate.getLargeUpdateCount();
	}

	@Override
	public void setLargeMaxRows(long max) throws SQLException {
		this.delegate.setLargeMaxRows(max);
	}

	@Override
	public long getLargeMaxRows() throws SQLException {
		return this.delegate.getLargeMaxRows();
	}

	@Override
	public String enquoteLiteral(String val) throws SQLException {
		return this.delegate.enquoteLiteral(val);
	}

	@Override
	public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
		return this.delegate.enquoteIdentifier(identifier, alwaysQuote);
	}

	@Override
	public boolean isSimpleIdentifier(String identifier) throws SQLException {
		return this.delegate.isSimpleIdentifier(identifier);
	}

	@Override
	public String enquoteNCharLiteral(String val) throws SQLException {
		return this.delegate.enquoteNCharLiteral(val);
	}

}
