package io.github.distrace.autoconfigure.r2dbc;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.distrace.autoconfigure.r2dbc.ReadingFlux.Reading;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.reactivestreams.Publisher;

/**
 * A result of a traced execution: reading it (its rows, its update count or its segments)
 * tells the execution when it was read, and how many rows were.
 *
 * @author distrace
 */
final class TracedResult implements Result {

	private final Result delegate;

	private final QueryExecution execution;

	TracedResult(Result delegate, QueryExecution execution) {
		this.delegate = delegate;
		this.execution = execution;
	}

	@Override
	public Publisher<Long> getRowsUpdated() {
		return new ReadingFlux<>(this.delegate.getRowsUpdated(), this.execution, Reading.OTHER);
	}

	@Override
	public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> mappingFunction) {
		return new ReadingFlux<>(this.delegate.map(mappingFunction), this.execution, Reading.ROWS);
	}

	@Override
	public <T> Publisher<T> map(Function<? super Readable, ? extends T> mappingFunction) {
		return new ReadingFlux<>(this.delegate.map(mappingFunction), this.execution, Reading.ROWS);
	}

	// The same result, seen through a filter: still one result to read.
	@Override
	public Result filter(Predicate<Segment> filter) {
		return new TracedResult(this.delegate.filter(filter), this.execution);
	}

	@Override
	public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> mappingFunction) {
		return new ReadingFlux<>(this.delegate.flatMap(mappingFunction), this.execution, Reading.OTHER);
	}

}
