package io.github.distrace.autoconfigure.r2dbc;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/**
 * A statement whose executions are traced: a plain delegating class, so that binding
 * costs one extra method call.
 *
 * @author distrace
 */
final class TracedStatement implements Statement, Wrapped<Statement> {

	private final Statement delegate;

	private final String sql;

	private final R2dbcQueries queries;

	// Sets of bindings: each add() closes one, and the bindings after the last add() are
	// one more.
	private int added;

	private boolean bound;

	TracedStatement(Statement delegate, String sql, R2dbcQueries queries) {
		this.delegate = delegate;
		this.sql = sql;
		this.queries = queries;
	}

	@Override
	public Statement add() {
		this.delegate.add();
		this.added++;
		this.bound = false;
		return this;
	}

	@Override
	public Statement bind(int index, Object value) {
		this.delegate.bind(index, value);
		this.bound = true;
		return this;
	}

	@Override
	public Statement bind(String name, Object value) {
		this.delegate.bind(name, value);
		this.bound = true;
		return this;
	}

	@Override
	public Statement bindNull(int index, Class<?> type) {
		this.delegate.bindNull(index, type);
		this.bound = true;
		return this;
	}

	@Override
	public Statement bindNull(String name, Class<?> type) {
		this.delegate.bindNull(name, type);
		this.bound = true;
		return this;
	}

	@Override
	public Statement returnGeneratedValues(String... columns) {
		this.delegate.returnGeneratedValues(columns);
		return this;
	}

	@Override
	public Statement fetchSize(int rows) {
		this.delegate.fetchSize(rows);
		return this;
	}

	@Override
	public Publisher<? extends Result> execute() {
		int bindings = this.added + (this.bound ? 1 : 0);
		return this.queries.execute(this.delegate.execute(), this.sql, bindings);
	}

	@Override
	public Statement unwrap() {
		return this.delegate;
	}

}
