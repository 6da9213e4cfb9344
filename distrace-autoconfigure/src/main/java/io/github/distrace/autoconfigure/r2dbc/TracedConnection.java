package io.github.distrace.autoconfigure.r2dbc;

import java.time.Duration;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/**
 * A connection whose statements and batches are traced; every other call goes straight to
 * the driver's connection, which {@link #unwrap()} returns.
 *
 * @author distrace
 */
final class TracedConnection implements Connection, Wrapped<Connection> {

	private final Connection delegate;

	private final R2dbcQueries queries;

	TracedConnection(Connection delegate, R2dbcQueries queries) {
		this.delegate = delegate;
		this.queries = queries;
	}

	@Override
	public Statement createStatement(String sql) {
		return new TracedStatement(this.delegate.createStatement(this.queries.comment(sql)), sql, this.queries);
	}

	@Override
	public Batch createBatch() {
		return new TracedBatch(this.delegate.createBatch(), this.queries);
	}

	@Override
	public Publisher<Void> beginTransaction() {
		return this.delegate.beginTransaction();
	}

	@Override
	public Publisher<Void> beginTransaction(TransactionDefinition definition) {
		return this.delegate.beginTransaction(definition);
	}

	@Override
	public Publisher<Void> close() {
		return this.delegate.close();
	}

	@Override
	public Publisher<Void> commitTransaction() {
		return this.delegate.commitTransaction();
	}

	@Override
	public Publisher<Void> createSavepoint(String name) {
		return this.delegate.createSavepoint(name);
	}

	@Override
	public boolean isAutoCommit() {
		return this.delegate.isAutoCommit();
	}

	@Override
	public ConnectionMetadata getMetadata() {
		return this.delegate.getMetadata();
	}

	@Override
	public IsolationLevel getTransactionIsolationLevel() {
		return this.delegate.getTransactionIsolationLevel();
	}

	@Override
	public Publisher<Void> releaseSavepoint(String name) {
		return this.delegate.releaseSavepoint(name);
	}

	@Override
	public Publisher<Void> rollbackTransaction() {
		return this.delegate.rollbackTransaction();
	}

	@Override
	public Publisher<Void> rollbackTransactionToSavepoint(String name) {
		return this.delegate.rollbackTransactionToSavepoint(name);
	}

	@Override
	public Publisher<Void> setAutoCommit(boolean autoCommit) {
		return this.delegate.setAutoCommit(autoCommit);
	}

	@Override
	public Publisher<Void> setLockWaitTimeout(Duration timeout) {
		return this.delegate.setLockWaitTimeout(timeout);
	}

	@Override
	public Publisher<Void> setStatementTimeout(Duration timeout) {
		return this.delegate.setStatementTimeout(timeout);
	}

	@Override
	public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
		return this.delegate.setTransactionIsolationLevel(isolationLevel);
	}

	@Override
	public Publisher<Boolean> validate(ValidationDepth depth) {
		return this.delegate.validate(depth);
	}

	@Override
	public Connection unwrap() {
		return this.delegate;
	}

}
