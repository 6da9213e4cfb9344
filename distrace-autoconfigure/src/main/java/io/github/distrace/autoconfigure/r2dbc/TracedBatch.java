package io.github.distrace.autoconfigure.r2dbc;

import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;

/**
 * A batch whose execution is one query span, as a JDBC batch is.
 *
 * @author distrace
 */
final class TracedBatch implements Batch, Wrapped<Batch> {

	private final Batch delegate;

	private final R2dbcQueries queries;

	private final List<String> statements = new ArrayList<>();

	TracedBatch(Batch delegate, R2dbcQueries queries) {
		this.delegate = delegate;
		this.queries = queries;
	}

	@Override
	public Batch add(String sql) {
		this.delegate.add(this.queries.comment(sql));
		this.statements.add(sql);
		return this;
	}

	@Override
	public Publisher<? extends Result> execute() {
		return this.queries.execute(this.delegate.execute(), List.copyOf(this.statements));
	}

	@Override
	public Batch unwrap() {
		return this.delegate;
	}

}
