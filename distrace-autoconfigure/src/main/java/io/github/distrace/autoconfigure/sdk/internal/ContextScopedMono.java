package io.github.distrace.autoconfigure.sdk.internal;

import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;

/**
 * A {@link Mono} subscribed with an OpenTelemetry context current, whose operators find
 * that context in Reactor's context (where Reactor's automatic context propagation
 * restores it on whatever thread they run) and whose end is told to a listener: what
 * {@code contextWrite}, {@code doOnError}, {@code doOnTerminate} and {@code doOnCancel}
 * together do, in one operator and one subscriber. With automatic context propagation on,
 * {@code contextWrite} sets and restores every registered thread-local around its
 * subscription, each request and each signal, with a map of their previous values each
 * time, where only OpenTelemetry's context changes here. Nor does Reactor wrap it, as it
 * wraps other libraries' operators, in one that restores all the thread-locals of the
 * context downstream around its signals (about 1 KB a {@code Mono}, measured in
 * docs/benchmarks.md): it restores the one it changes itself
 * ({@link ReactorInternalProducer}).
 *
 * @param <T> the type of the item
 * @author distrace
 * @see ContextScopedFlux
 */
public final class ContextScopedMono<T> extends Mono<T> implements Scannable {

	private final Mono<T> source;

	private final Context context;

	private final TerminationListener listener;

	/**
	 * Create a new instance.
	 * @param source the publisher to subscribe
	 * @param context the context current while it is subscribed, requested or cancelled,
	 * and in Reactor's context for its operators
	 * @param listener told when the source terminates or is cancelled
	 */
	public ContextScopedMono(Mono<T> source, Context context, TerminationListener listener) {
		this.source = source;
		this.context = context;
		this.listener = listener;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		ContextScopedSubscriber.subscribe(this.source, actual, this.context, this.listener, true);
	}

	@Override
	public @Nullable Object scanUnsafe(Attr key) {
		return ReactorInternalProducer.scan(this.source, key);
	}

}
