package io.github.distrace.autoconfigure.web.reactive;

import io.github.distrace.autoconfigure.sdk.internal.OpenTelemetryContextAccessor;
import io.opentelemetry.context.Scope;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

import org.springframework.web.server.ServerWebExchange;

/**
 * The rest of a traced exchange's filter chain: the server span's context is in Reactor's
 * context (under the key of {@link OpenTelemetryContextAccessor}) and current while the
 * chain is subscribed (its filters and handler run then), requested or cancelled, and the
 * span is ended once the chain completes, fails or is cancelled. What Reactor's
 * {@code contextWrite}, {@code doOnError} and {@code doFinally} did, in one operator and
 * one subscriber instead of three of each: with automatic context propagation on,
 * {@code contextWrite} sets and restores every registered thread-local on each
 * subscription, request and signal, with a map of their previous values each time, where
 * only OpenTelemetry's context changes here.
 *
 * @author distrace
 */
final class ServerSpanMono extends Mono<Void> {

	private final Mono<Void> chain;

	private final ReactiveServerSpan serverSpan;

	private final ServerWebExchange exchange;

	private final io.opentelemetry.context.Context context;

	ServerSpanMono(Mono<Void> chain, ReactiveServerSpan serverSpan, ServerWebExchange exchange,
			io.opentelemetry.context.Context context) {
		this.chain = chain;
		this.serverSpan = serverSpan;
		this.exchange = exchange;
		this.context = context;
	}

	@Override
	public void subscribe(CoreSubscriber<? super Void> actual) {
		ServerSpanSubscriber subscriber = new ServerSpanSubscriber(actual, this);
		// The chain's filters and handler run as it is subscribed, on this thread.
		try (Scope scope = this.context.makeCurrent()) {
			this.chain.subscribe(subscriber);
		}
	}

	/**
	 * Passes the chain's signals on and ends the span after the last one. The signals
	 * need no scope of their own: with automatic context propagation on, Reactor wraps
	 * this operator, as any that is not its own, in one that restores the thread-locals
	 * of the context downstream around each of them.
	 */
	private static final class ServerSpanSubscriber implements CoreSubscriber<Void>, Subscription {

		private final CoreSubscriber<? super Void> actual;

		private final ServerSpanMono exchange;

		private final Context reactorContext;

		// Set by onSubscribe, which comes before any request or cancel (Reactive Streams
		// rule 1.9): never read while null.
		@SuppressWarnings("NullAway.Init")
		private Subscription upstream;

		ServerSpanSubscriber(CoreSubscriber<? super Void> actual, ServerSpanMono exchange) {
			this.actual = actual;
			this.exchange = exchange;
			this.reactorContext = actual.currentContext().put(OpenTelemetryContextAccessor.KEY, exchange.context);
		}

		@Override
		public Context currentContext() {
			return this.reactorContext;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream = subscription;
			this.actual.onSubscribe(this);
		}

		@Override
		public void onNext(Void item) {
			this.actual.onNext(item);
		}

		@Override
		public void onError(Throwable failure) {
			this.exchange.serverSpan.escaped(failure);
			try {
				this.actual.onError(failure);
			}
			finally {
				end(SignalType.ON_ERROR);
			}
		}

		@Override
		public void onComplete() {
			try {
				this.actual.onComplete();
			}
			finally {
				end(SignalType.ON_COMPLETE);
			}
		}

		@Override
		public void request(long n) {
			try (Scope scope = this.exchange.context.makeCurrent()) {
				this.upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			try (Scope scope = this.exchange.context.makeCurrent()) {
				this.upstream.cancel();
			}
			finally {
				end(SignalType.CANCEL);
			}
		}

		private void end(SignalType signal) {
			this.exchange.serverSpan.end(this.exchange.exchange, signal);
		}

	}

}
