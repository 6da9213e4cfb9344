package io.github.distrace.autoconfigure.baggage;

import java.util.Collection;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * Injects the request's baggage, as changed through the
 * {@link io.github.distrace.BaggageService}, into outgoing calls: the configured
 * propagators then write it as the {@code baggage} header.
 *
 * @author distrace
 */
final class RequestBaggagePropagator implements TextMapPropagator {

	private final TextMapPropagator delegate;

	RequestBaggagePropagator(TextMapPropagator delegate) {
		this.delegate = delegate;
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		this.delegate.inject(context.with(RequestBaggage.effective(context)), carrier, setter);
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		return this.delegate.extract(context, carrier, getter);
	}

	@Override
	public String toString() {
		return "RequestBaggagePropagator{" + this.delegate + "}";
	}

}
