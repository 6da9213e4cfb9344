package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.LinkedHashSet;
import java.util.List;

import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;

/**
 * The propagators of {@code distrace.propagation}, in the configured order: distrace's
 * own for W3C Trace Context (Level 2) and Baggage, OpenTelemetry's for B3 and Jaeger,
 * each behind a guard that ignores a malformed or oversized header instead of failing the
 * request.
 * <p>
 * Internal: not for use outside distrace; public for the SDK's auto-configuration.
 *
 * @author distrace
 */
public final class Propagators {

	private Propagators() {
	}

	/**
	 * Return the propagators of the given formats, a format named twice used once.
	 * @param types the header formats, in the order they are tried
	 * @return the propagators
	 */
	public static ContextPropagators of(List<PropagatorType> types) {
		List<TextMapPropagator> propagators = new LinkedHashSet<>(types).stream()
			.map(Propagators::propagator)
			.<TextMapPropagator>map(HeaderSafePropagator::new)
			.toList();
		return ContextPropagators.create(TextMapPropagator.composite(propagators));
	}

	private static TextMapPropagator propagator(PropagatorType type) {
		return switch (type) {
			case TRACECONTEXT -> new TraceContextPropagator();
			case BAGGAGE -> new BaggagePropagator();
			case B3 -> B3Propagator.injectingSingleHeader();
			case B3MULTI -> B3Propagator.injectingMultiHeaders();
			case JAEGER -> JaegerPropagator.getInstance();
		};
	}

}
