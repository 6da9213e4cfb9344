package io.github.distrace.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * A tracing handler that claims the observations of some context types and makes no span
 * for them. Spring Boot registers its tracing handlers as one group that hands each
 * observation to the first handler supporting it; ordered ahead of Boot's, this handler
 * keeps the observations distrace already traces (an HTTP hop) from Boot's handlers, and
 * every other observation reaches them unchanged.
 *
 * @author distrace
 */
final class SpanlessObservationHandler implements TracingObservationHandler<Observation.Context> {

	private final Tracer tracer;

	private final Class<?>[] contextTypes;

	SpanlessObservationHandler(Tracer tracer, Class<?>... contextTypes) {
		this.tracer = tracer;
		this.contextTypes = contextTypes;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		for (Class<?> type : this.contextTypes) {
			if (type.isInstance(context)) {
				return true;
			}
		}
		return false;
	}

	// Boot wraps its metrics handlers in a TracingAwareMeterObservationHandler, which
	// requires a TracingContext when the observation stops; an empty one lets it record
	// the metric under whatever span is current then (distrace's, for exemplars).
	@Override
	public void onStart(Observation.Context context) {
		getTracingContext(context);
	}

	// The scope callbacks leave the current span alone, so that distrace's span stays the
	// parent of what runs inside the observation; the others would need a span.

	@Override
	public void onScopeOpened(Observation.Context context) {
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
	}

	@Override
	public void onScopeReset(Observation.Context context) {
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
	}

	@Override
	public void onError(Observation.Context context) {
	}

	@Override
	public void onStop(Observation.Context context) {
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

}
