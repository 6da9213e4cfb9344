package io.github.distrace.autoconfigure.r2dbc;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * The span of one execution of a statement or batch while it runs. An execution is over
 * when its results were all produced and each was read (its rows or its update count),
 * when it failed, or when its subscriber cancelled it, whichever comes first; the span
 * ends then, once.
 *
 * @author distrace
 */
final class QueryExecution {

	private static final AtomicIntegerFieldUpdater<QueryExecution> UNREAD = AtomicIntegerFieldUpdater
		.newUpdater(QueryExecution.class, "unread");

	private static final AtomicIntegerFieldUpdater<QueryExecution> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(QueryExecution.class, "ended");

	private static final AtomicLongFieldUpdater<QueryExecution> ROWS = AtomicLongFieldUpdater
		.newUpdater(QueryExecution.class, "rows");

	private final R2dbcTracing tracing;

	private final Span span;

	private final boolean countsRows;

	// Results produced and not yet read.
	private volatile int unread;

	private volatile boolean allProduced;

	private volatile int ended;

	private volatile long rows;

	QueryExecution(R2dbcTracing tracing, Span span, boolean countsRows) {
		this.tracing = tracing;
		this.span = span;
		this.countsRows = countsRows;
	}

	void produced() {
		UNREAD.incrementAndGet(this);
	}

	void allProduced() {
		this.allProduced = true;
		if (this.unread == 0) {
			end(null);
		}
	}

	void read() {
		if (UNREAD.decrementAndGet(this) == 0 && this.allProduced) {
			end(null);
		}
	}

	void row() {
		ROWS.incrementAndGet(this);
	}

	void failed(Throwable failure) {
		end(failure);
	}

	void cancelled() {
		end(null);
	}

	private void end(@Nullable Throwable failure) {
		if (ENDED.compareAndSet(this, 0, 1)) {
			this.tracing.end(this.span, failure, this.countsRows ? this.rows : -1);
		}
	}

}
