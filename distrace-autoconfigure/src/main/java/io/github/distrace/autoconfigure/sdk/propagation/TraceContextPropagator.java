package io.github.distrace.autoconfigure.sdk.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * W3C Trace Context as Level 2 defines it. {@code traceparent} is read and both headers
 * are written by OpenTelemetry's {@link W3CTraceContextPropagator}; {@code tracestate} is
 * read by {@link TraceStateHeader}, since OpenTelemetry's parser drops lists that Level 2
 * keeps (an empty header beside a valid one, a repeated key, {@code foo@=1}).
 *
 * @author distrace
 */
final class TraceContextPropagator extends ReadingPropagator {

	private static final String TRACESTATE = "tracestate";

	TraceContextPropagator() {
		super(W3CTraceContextPropagator.getInstance());
	}

	// The delegate is not shown tracestate, so that it is parsed once, by the rules here.
	@Override
	<C> TextMapGetter<C> reading(TextMapGetter<C> getter) {
		return new WithoutTraceState<>(getter);
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		Context extracted = super.extract(context, carrier, getter);
		SpanContext parent = Span.fromContext(extracted).getSpanContext();
		if (extracted == context || !parent.isValid()) {
			return extracted;
		}
		String header = getter.get(carrier, TRACESTATE);
		TraceState traceState = (header != null) ? TraceStateHeader.parse(header) : TraceState.getDefault();
		if (traceState.isEmpty()) {
			return extracted;
		}
		return context.with(Span.wrap(SpanContext.createFromRemoteParent(parent.getTraceId(), parent.getSpanId(),
				parent.getTraceFlags(), traceState)));
	}

	@Override
	public String toString() {
		return "TraceContextPropagator{Level 2 tracestate}";
	}

	private record WithoutTraceState<C>(TextMapGetter<C> getter) implements TextMapGetter<C> {

		@Override
		public Iterable<String> keys(C carrier) {
			return this.getter.keys(carrier);
		}

		@Override
		public @Nullable String get(@Nullable C carrier, String key) {
			return TRACESTATE.equalsIgnoreCase(key) ? null : this.getter.get(carrier, key);
		}

	}

}
