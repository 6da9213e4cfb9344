package io.github.distrace.autoconfigure.observation;

import java.util.List;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.TracingAwareMeterObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler among tracing and metrics handlers registered the way Spring Boot registers
 * them (the tracing handlers as one first-matching group, the metrics handler wrapped to
 * be tracing-aware), over Micrometer Tracing's OpenTelemetry bridge and one SDK whose
 * spans distrace starts too.
 */
class SpanlessObservationHandlerTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider sdk = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer distrace = this.sdk.get("io.github.distrace");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry registry = ObservationRegistry.create();

	SpanlessObservationHandlerTests() {
		OtelTracer tracer = new OtelTracer(this.sdk.get("org.springframework.boot"), new OtelCurrentTraceContext(),
				(event) -> {
				});
		this.registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new SpanlessObservationHandler(tracer, ServerRequestObservationContext.class),
					new PropagatingReceiverTracingObservationHandler<>(tracer, Propagator.NOOP),
					new DefaultTracingObservationHandler(tracer)))
			.observationHandler(
					new TracingAwareMeterObservationHandler<>(new DefaultMeterObservationHandler(this.meters), tracer));
	}

	@Test
	void claimedObservationKeepsItsMetricButMakesNoSpan() {
		Span server = this.distrace.spanBuilder("GET /orders/{id}").startSpan();
		try (Scope scope = server.makeCurrent()) {
			serverObservation().observe(() -> assertThat(Span.current()).isSameAs(server));
		}
		server.end();
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
			.containsExactly("GET /orders/{id}");
		assertThat(this.meters.get("http.server.requests").timer().count()).isOne();
	}

	@Test
	void otherObservationsInsideAClaimedOneNestBetweenDistracesSpans() {
		Span server = this.distrace.spanBuilder("GET /orders/{id}").startSpan();
		try (Scope scope = server.makeCurrent()) {
			serverObservation().observe(() -> Observation.createNotStarted("find-order", this.registry)
				.observe(() -> this.distrace.spanBuilder("SELECT orders").startSpan().end()));
		}
		server.end();
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).extracting(SpanData::getName)
			.containsExactly("SELECT orders", "find-order", "GET /orders/{id}");
		assertThat(spans).extracting(SpanData::getTraceId).containsOnly(server.getSpanContext().getTraceId());
		assertThat(spans.get(1).getParentSpanId()).isEqualTo(server.getSpanContext().getSpanId());
		assertThat(spans.get(0).getParentSpanId()).isEqualTo(spans.get(1).getSpanId());
		assertThat(this.meters.get("find-order").timer().count()).isOne();
	}

	@Test
	void errorsAndEventsOfAClaimedObservationNeedNoSpan() {
		Observation observation = serverObservation().start();
		observation.event(Observation.Event.of("retried"));
		observation.error(new IllegalStateException("failed"));
		observation.stop();
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		assertThat(this.meters.get("http.server.requests").tag("error", "IllegalStateException").timer().count())
			.isOne();
	}

	private Observation serverObservation() {
		ServerRequestObservationContext context = new ServerRequestObservationContext(
				new MockHttpServletRequest("GET", "/orders/1"), new MockHttpServletResponse());
		return Observation.createNotStarted("http.server.requests", () -> context, this.registry);
	}

}
