package io.github.distrace.autoconfigure.sdk.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

/**
 * The subscriber of {@link ContextScopedMono} and {@link ContextScopedFlux}: it offers
 * its source a Reactor context that holds the OpenTelemetry context (under the key of
 * {@link OpenTelemetryContextAccessor}), makes that context current while it requests or
 * cancels, and tells its {@link TerminationListener} when the source terminates or is
 * cancelled, the first of the two only. The item of a {@code Mono} is its end, as for
 * Reactor's {@code doOnTerminate}: the listener hears of it with the item, not with the
 * completion after it, which an operator downstream may no longer wait for (a
 * {@code flatMap} completes its own subscriber with its inner publisher).
 * <p>
 * It passes its signals on with the OpenTelemetry context of the subscriber's Reactor
 * context current, where that holds one, as Reactor's automatic context propagation would
 * around a publisher not its own; that is the one thread-local it changes, so
 * {@link ReactorInternalProducer it tells Reactor} not to wrap it for that.
 *
 * @param <T> the type of the items
 * @author distrace
 */
final class ContextScopedSubscriber<T> implements CoreSubscriber<T>, Subscription {

	private static final AtomicIntegerFieldUpdater<ContextScopedSubscriber> DONE = AtomicIntegerFieldUpdater
		.newUpdater(ContextScopedSubscriber.class, "done");

	private final CoreSubscriber<? super T> actual;

	private final io.opentelemetry.context.Context context;

	private final TerminationListener listener;

	private final boolean endsWithItem;

	private final Context reactorContext;

	private final io.opentelemetry.context.@Nullable Context downstreamContext;

	private volatile int done;

	// Set by onSubscribe, which comes before any request or cancel (Reactive Streams
	// rule 1.9): never read while null.
	@SuppressWarnings("NullAway.Init")
	private Subscription upstream;

	ContextScopedSubscriber(CoreSubscriber<? super T> actual, io.opentelemetry.context.Context context,
			TerminationListener listener, boolean endsWithItem) {
		this.actual = actual;
		this.context = context;
		this.listener = listener;
		this.endsWithItem = endsWithItem;
		Context downstream = actual.currentContext();
		this.reactorContext = downstream.put(OpenTelemetryContextAccessor.KEY, context);
		this.downstreamContext = downstream.getOrDefault(OpenTelemetryContextAccessor.KEY, null);
	}

	/**
	 * Subscribe the given source, with the context current, through a new subscriber.
	 * @param endsWithItem whether the source's first item is its end (a {@code Mono})
	 */
	static <T> void subscribe(CorePublisher<T> source, CoreSubscriber<? super T> actual,
			io.opentelemetry.context.Context context, TerminationListener listener, boolean endsWithItem) {
		ContextScopedSubscriber<T> subscriber = new ContextScopedSubscriber<>(actual, context, listener, endsWithItem);
		// Work done as the source is subscribed (a WebFlux chain's filters and handler,
		// a callable) runs on this thread, now. Subscribed through Publisher's subscribe,
		// as Reactor subscribes inner publishers, so that a source not Reactor's own is
		// wrapped to restore this subscriber's context around its signals.
		try (Scope scope = context.makeCurrent()) {
			source.subscribe((Subscriber<? super T>) subscriber);
		}
	}

	@Override
	public Context currentContext() {
		return this.reactorContext;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.upstream = subscription;
		try (Scope scope = downstreamScope()) {
			this.actual.onSubscribe(this);
		}
	}

	@Override
	public void onNext(T item) {
		try (Scope scope = downstreamScope()) {
			boolean ending = this.endsWithItem && ending(null);
			try {
				this.actual.onNext(item);
			}
			finally {
				if (ending) {
					this.listener.terminated(SignalType.ON_COMPLETE);
				}
			}
		}
	}

	@Override
	public void onError(Throwable failure) {
		try (Scope scope = downstreamScope()) {
			boolean ending = ending(failure);
			try {
				this.actual.onError(failure);
			}
			finally {
				if (ending) {
					this.listener.terminated(SignalType.ON_ERROR);
				}
			}
		}
	}

	@Override
	public void onComplete() {
		try (Scope scope = downstreamScope()) {
			boolean ending = ending(null);
			try {
				this.actual.onComplete();
			}
			finally {
				if (ending) {
					this.listener.terminated(SignalType.ON_COMPLETE);
				}
			}
		}
	}

	/**
	 * The subscriber's OpenTelemetry context made current for a signal to it, or nothing
	 * where its Reactor context holds none (Reactor leaves a thread-local alone then
	 * too).
	 */
	private Scope downstreamScope() {
		return (this.downstreamContext != null) ? this.downstreamContext.makeCurrent() : Scope.noop();
	}

	/**
	 * Tell the listener that the source is ending, unless it has ended or been cancelled
	 * already.
	 * @param failure the error the source signalled, or {@code null}
	 * @return whether this signal is the end, to be told once more after it went on
	 */
	private boolean ending(@Nullable Throwable failure) {
		if (!DONE.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.listener.terminating(failure);
		return true;
	}

	@Override
	public void request(long n) {
		try (Scope scope = this.context.makeCurrent()) {
			this.upstream.request(n);
		}
	}

	@Override
	public void cancel() {
		try (Scope scope = this.context.makeCurrent()) {
			this.upstream.cancel();
		}
		finally {
			if (DONE.compareAndSet(this, 0, 1)) {
				this.listener.terminated(SignalType.CANCEL);
			}
		}
	}

}
