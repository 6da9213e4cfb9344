package io.github.distrace.autoconfigure.observation;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer.SpanInScope;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.TracingAwareMeterObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler among tracing and metrics handlers registered the way Spring Boot registers
 * them: the tracing handlers as one first-matching group, the metrics handler wrapped to
 * be tracing-aware.
 */
class SpanlessObservationHandlerTests {

	private final SimpleTracer tracer = new SimpleTracer();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry registry = ObservationRegistry.create();

	SpanlessObservationHandlerTests() {
		this.registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new SpanlessObservationHandler(this.tracer, ServerRequestObservationContext.class),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, Propagator.NOOP),
					new DefaultTracingObservationHandler(this.tracer)))
			.observationHandler(new TracingAwareMeterObservationHandler<>(
					new DefaultMeterObservationHandler(this.meters), this.tracer));
	}

	@Test
	void claimedObservationKeepsItsMetricButMakesNoSpan() {
		Span server = this.tracer.nextSpan().name("GET /orders/{id}").start();
		try (SpanInScope scope = this.tracer.withSpan(server)) {
			serverObservation().observe(() -> {
				assertThat(this.tracer.currentSpan()).isSameAs(server);
			});
		}
		server.end();
		assertThat(this.tracer.getSpans()).extracting(SimpleSpan::getName).containsExactly("GET /orders/{id}");
		assertThat(this.meters.get("http.server.requests").timer().count()).isOne();
	}

	@Test
	void otherObservationsInsideAClaimedOneAreChildrenOfTheCurrentSpan() {
		Span server = this.tracer.nextSpan().name("GET /orders/{id}").start();
		try (SpanInScope scope = this.tracer.withSpan(server)) {
			serverObservation().observe(() -> Observation.createNotStarted("find-order", this.registry).observe(() -> {
				assertThat(this.tracer.currentSpan()).isNotSameAs(server);
			}));
		}
		server.end();
		SimpleSpan observed = this.tracer.getSpans()
			.stream()
			.filter((span) -> span.getName().equals("find-order"))
			.findFirst()
			.orElseThrow();
		assertThat(observed.getParentId()).isEqualTo(server.context().spanId());
		assertThat(observed.getTraceId()).isEqualTo(server.context().traceId());
		assertThat(this.meters.get("find-order").timer().count()).isOne();
	}

	@Test
	void errorsAndEventsOfAClaimedObservationNeedNoSpan() {
		Observation observation = serverObservation().start();
		observation.event(Observation.Event.of("retried"));
		observation.error(new IllegalStateException("failed"));
		observation.stop();
		assertThat(this.tracer.getSpans()).isEmpty();
		assertThat(this.meters.get("http.server.requests").tag("error", "IllegalStateException").timer().count())
			.isOne();
	}

	private Observation serverObservation() {
		ServerRequestObservationContext context = new ServerRequestObservationContext(
				new MockHttpServletRequest("GET", "/orders/1"), new MockHttpServletResponse());
		return Observation.createNotStarted("http.server.requests", () -> context, this.registry);
	}

}
