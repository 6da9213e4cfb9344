package io.github.distrace.sample;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A traced endpoint, using the OpenTelemetry {@link Tracer} that distrace configures.
 */
@RestController
class GreetingController {

	private final Tracer tracer;

	// With distrace.enabled=false (the load test's baseline) distrace defines no Tracer.
	GreetingController(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer.getIfAvailable(() -> OpenTelemetry.noop().getTracer("sample"));
	}

	@GetMapping("/hello")
	String hello(@RequestParam(defaultValue = "world") String name) {
		Span span = this.tracer.spanBuilder("GreetingController.hello").startSpan();
		try (Scope scope = span.makeCurrent()) {
			span.setAttribute("greeting.name", name);
			return "Hello, " + name + "! trace " + span.getSpanContext().getTraceId();
		}
		finally {
			span.end();
		}
	}

}
