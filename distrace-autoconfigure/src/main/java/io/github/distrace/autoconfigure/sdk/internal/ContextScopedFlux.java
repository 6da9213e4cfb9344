package io.github.distrace.autoconfigure.sdk.internal;

import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;

/**
 * A {@link Flux} subscribed with an OpenTelemetry context current, whose operators find
 * that context in Reactor's context and whose end is told to a listener: the
 * {@link ContextScopedMono} of a {@code Flux}, whose items it passes on as they come.
 *
 * @param <T> the type of the items
 * @author distrace
 * @see ContextScopedMono
 */
public final class ContextScopedFlux<T> extends Flux<T> implements Scannable {

	private final Flux<T> source;

	private final Context context;

	private final TerminationListener listener;

	/**
	 * Create a new instance.
	 * @param source the publisher to subscribe
	 * @param context the context current while it is subscribed, requested or cancelled,
	 * and in Reactor's context for its operators
	 * @param listener told when the source terminates or is cancelled
	 */
	public ContextScopedFlux(Flux<T> source, Context context, TerminationListener listener) {
		this.source = source;
		this.context = context;
		this.listener = listener;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		ContextScopedSubscriber.subscribe(this.source, actual, this.context, this.listener, false);
	}

	@Override
	public @Nullable Object scanUnsafe(Attr key) {
		return ReactorInternalProducer.scan(this.source, key);
	}

}
