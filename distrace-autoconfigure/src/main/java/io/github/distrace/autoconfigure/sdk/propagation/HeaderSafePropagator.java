package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.Collection;

import io.github.distrace.autoconfigure.sdk.internal.HttpHeaderText;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one propagator's hostile input from breaking a request. It writes only what is
 * valid header text: a field whose name is not an HTTP token or whose value holds
 * anything but visible ASCII, space and tab is left out. Some propagators copy extracted
 * values as they are (Jaeger's {@code uberctx-*} headers carry decoded W3C baggage, CR
 * and LF included); an outgoing call would then fail in its HTTP client, or worse, split
 * a header. And a propagator that throws on what it extracts (Jaeger's on a bad percent
 * escape in {@code uber-trace-id}) or on what it cannot encode leaves the context, or the
 * outgoing call, as it was instead of failing the request.
 *
 * @author distrace
 */
final class HeaderSafePropagator implements TextMapPropagator {

	private final TextMapPropagator delegate;

	HeaderSafePropagator(TextMapPropagator delegate) {
		this.delegate = delegate;
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		try {
			this.delegate.inject(context, carrier, (target, name, value) -> {
				if (HttpHeaderText.isToken(name) && HttpHeaderText.isFieldValue(value)) {
					setter.set(target, name, value);
				}
			});
		}
		catch (RuntimeException ex) {
			// A value this propagator cannot encode (W3C baggage with an unpaired
			// surrogate, taken in by another propagator): the call goes out without it.
		}
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		try {
			return this.delegate.extract(context, carrier, getter);
		}
		catch (RuntimeException ex) {
			// Malformed input is the caller's fault: the request goes on without it, as
			// it does when a propagator rejects a value itself.
			return context;
		}
	}

	@Override
	public String toString() {
		return "HeaderSafePropagator{" + this.delegate + "}";
	}

}
