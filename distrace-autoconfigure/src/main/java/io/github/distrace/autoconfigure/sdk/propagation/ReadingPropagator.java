package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.Collection;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * An OpenTelemetry propagator that writes headers as it does and reads them through a
 * getter of distrace's, which applies a W3C rule the SDK does not (or not in every
 * supported version).
 *
 * @author distrace
 */
abstract class ReadingPropagator implements TextMapPropagator {

	private final TextMapPropagator delegate;

	ReadingPropagator(TextMapPropagator delegate) {
		this.delegate = delegate;
	}

	/**
	 * Return the getter the delegate reads through.
	 * @param <C> the carrier type
	 * @param getter the getter of the incoming request
	 * @return a getter that shows the delegate what it should read
	 */
	abstract <C> TextMapGetter<C> reading(TextMapGetter<C> getter);

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		this.delegate.inject(context, carrier, setter);
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		return this.delegate.extract(context, carrier, reading(getter));
	}

}
