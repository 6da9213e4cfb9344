package io.github.distrace.autoconfigure.sdk.internal;

import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * Hands OpenTelemetry's current context to Reactor's context propagation, so that with
 * {@code spring.reactor.context-propagation=auto} a reactive Redis command subscribed on
 * Lettuce's own thread (after another command, through {@code then} or {@code flatMap})
 * still finds the span that was current where the chain was subscribed.
 *
 * @author distrace
 */
public final class OpenTelemetryContextAccessor implements ThreadLocalAccessor<Context> {

	public static final String KEY = "io.github.distrace.opentelemetry-context";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable Context getValue() {
		Context current = Context.current();
		return (current != Context.root()) ? current : null;
	}

	// The scopes are not closed: Reactor restores the previous context itself, by
	// restore(), on the same thread.

	@Override
	@SuppressWarnings("MustBeClosedChecker")
	public void setValue(Context value) {
		value.makeCurrent();
	}

	@Override
	@SuppressWarnings("MustBeClosedChecker")
	public void setValue() {
		Context.root().makeCurrent();
	}

}
