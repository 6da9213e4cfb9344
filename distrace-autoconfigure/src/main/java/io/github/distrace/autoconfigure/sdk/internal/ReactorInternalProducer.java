package io.github.distrace.autoconfigure.sdk.internal;

import org.jspecify.annotations.Nullable;
import reactor.core.Scannable;

/**
 * How distrace's operators answer Reactor's question "is this publisher one of yours?".
 * With automatic context propagation on, Reactor wraps every publisher that answers no in
 * an operator that restores all the thread-locals of the context downstream around each
 * of its signals, with a map of their previous values each time: about 1 KB a
 * {@code Mono} (docs/benchmarks.md), which was a third of a WebFlux request's tracing. An
 * operator that restores, around its signals, what it changed itself (distrace's change
 * only OpenTelemetry's context) needs none of it, and answers yes, as Reactor's own do.
 * <p>
 * Reactor asks through an attribute whose class is not public
 * ({@code reactor.core.publisher.InternalProducerAttr}, Reactor 3.5 to 3.8), so the
 * question is recognised by that class, looked up once. Where it is missing (a later
 * Reactor), the operators answer no and Reactor wraps them as before: correct, and only
 * dearer; {@code ContextScopedPublisherTests} fails on the Reactor that changed it.
 *
 * @author distrace
 */
final class ReactorInternalProducer {

	private static final @Nullable Class<?> QUESTION = questionClass();

	private ReactorInternalProducer() {
	}

	/**
	 * What a distrace operator answers to a scan of Reactor's.
	 * @param source the publisher the operator subscribes
	 * @param key what Reactor asks
	 * @return the answer, or {@code null} for an attribute the operator does not know
	 */
	static @Nullable Object scan(Object source, Scannable.Attr<?> key) {
		if (key.getClass() == QUESTION) {
			return Boolean.TRUE;
		}
		if (key == Scannable.Attr.PARENT) {
			return source;
		}
		return (key == Scannable.Attr.RUN_STYLE) ? Scannable.Attr.RunStyle.SYNC : null;
	}

	private static @Nullable Class<?> questionClass() {
		try {
			return Class.forName("reactor.core.publisher.InternalProducerAttr", false,
					Scannable.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

}
