package io.github.distrace.autoconfigure.baggage;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * The baggage of one request, in one mutable place that the request's context carries.
 * <p>
 * OpenTelemetry contexts are immutable and their scopes must close in reverse order, so a
 * value set inside a traced method cannot simply be made current "for the rest of the
 * request": the method's scope would drop it when it closes. Instead the value is kept
 * here, and everything that reads baggage for distrace (the service, the span processor,
 * the MDC and the propagators) reads it through {@link #effective(Context)}. The holder
 * is reachable only from the contexts of its own request, so nothing carries over to the
 * next request served by the same thread.
 *
 * @author distrace
 */
final class RequestBaggage {

	private static final ContextKey<RequestBaggage> KEY = ContextKey.named("distrace-request-baggage");

	// An updater rather than an AtomicReference: one object less for every request, most
	// of which never change their baggage.
	private static final AtomicReferenceFieldUpdater<RequestBaggage, Baggage> BAGGAGE = AtomicReferenceFieldUpdater
		.newUpdater(RequestBaggage.class, Baggage.class, "baggage");

	// Null until the request changes its baggage; until then the context's baggage holds.
	private volatile @Nullable Baggage baggage;

	private RequestBaggage() {
	}

	/**
	 * Starts a request: until the returned scope is closed, baggage changes made on this
	 * thread, or in contexts derived from it, are kept by the request.
	 * @return the scope, restoring the previous context when closed
	 */
	static Scope open() {
		return open(Context.current()).makeCurrent();
	}

	/**
	 * Starts a request in a context: baggage changes made in contexts derived from the
	 * returned one are kept by the request. For reactive requests, whose context travels
	 * in Reactor's context rather than on a thread.
	 * @param context the request's context
	 * @return the context with a place for the request's baggage
	 */
	static Context open(Context context) {
		return context.with(KEY, new RequestBaggage());
	}

	/**
	 * Returns the baggage in effect in a context: the request's, once changed, else the
	 * context's own.
	 * @param context the context
	 * @return the baggage
	 */
	static Baggage effective(Context context) {
		RequestBaggage request = context.get(KEY);
		Baggage changed = (request != null) ? request.baggage : null;
		return (changed != null) ? changed : Baggage.fromContext(context);
	}

	/**
	 * Changes the baggage of the request that a context belongs to.
	 * @param context the context
	 * @param change the change, which may throw to refuse it
	 * @return {@code false} if the context belongs to no request
	 */
	static boolean update(Context context, UnaryOperator<Baggage> change) {
		RequestBaggage request = context.get(KEY);
		if (request == null) {
			return false;
		}
		while (true) {
			Baggage previous = request.baggage;
			Baggage next = change.apply((previous != null) ? previous : Baggage.fromContext(context));
			if (BAGGAGE.compareAndSet(request, previous, next)) {
				return true;
			}
		}
	}

}
