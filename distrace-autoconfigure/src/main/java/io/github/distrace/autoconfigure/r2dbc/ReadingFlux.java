package io.github.distrace.autoconfigure.r2dbc;

import io.r2dbc.spi.Result;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

/**
 * What a traced execution publishes: its results, each wrapped, or what one of them gives
 * when read (rows, an update count, segments). One operator of its own rather than a
 * chain of Reactor's {@code map} and {@code doOn…}: each of those is an object, and a
 * subscriber, more per statement.
 *
 * @param <T> what is published
 * @author distrace
 */
final class ReadingFlux<T> extends Flux<T> {

	/**
	 * What the flux publishes, and so what its signals tell the execution.
	 */
	enum Reading {

		/** The results of the execution. */
		RESULTS,

		/** The rows of one result, mapped. */
		ROWS,

		/** Anything else one result gives: its update count, its segments. */
		OTHER

	}

	private final Publisher<?> source;

	private final QueryExecution execution;

	private final Reading reading;

	ReadingFlux(Publisher<?> source, QueryExecution execution, Reading reading) {
		this.source = source;
		this.execution = execution;
		this.reading = reading;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void subscribe(CoreSubscriber<? super T> actual) {
		((Publisher<Object>) this.source).subscribe(new ReadingSubscriber<>(actual, this.execution, this.reading));
	}

	private static final class ReadingSubscriber<T> implements CoreSubscriber<Object>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final QueryExecution execution;

		private final Reading reading;

		// Set by onSubscribe, which comes before any other signal and any request
		// (Reactive Streams rule 1.9): never read while null.
		@SuppressWarnings("NullAway.Init")
		private Subscription upstream;

		ReadingSubscriber(CoreSubscriber<? super T> actual, QueryExecution execution, Reading reading) {
			this.actual = actual;
			this.execution = execution;
			this.reading = reading;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		@SuppressWarnings("unchecked")
		public void onNext(Object item) {
			if (this.reading == Reading.RESULTS) {
				this.execution.produced();
				this.actual.onNext((T) new TracedResult((Result) item, this.execution));
				return;
			}
			if (this.reading == Reading.ROWS) {
				this.execution.row();
			}
			this.actual.onNext((T) item);
		}

		@Override
		public void onError(Throwable failure) {
			this.execution.failed(failure);
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			if (this.reading == Reading.RESULTS) {
				this.execution.allProduced();
			}
			else {
				this.execution.read();
			}
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			this.upstream.request(n);
		}

		@Override
		public void cancel() {
			if (this.reading == Reading.RESULTS) {
				this.execution.cancelled();
			}
			else {
				this.execution.read();
			}
			this.upstream.cancel();
		}

	}

}
