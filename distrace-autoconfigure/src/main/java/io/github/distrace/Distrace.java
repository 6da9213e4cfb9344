package io.github.distrace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.util.Assert;

/**
 * Spans of your own, around any block of code. Inject it and use it with
 * try-with-resources:
 *
 * <pre class="code">
 * try (TraceSpan span = distrace.span("database_query")) {
 *     ...
 *     span.tag("query_status", "success");
 * }
 * </pre>
 *
 * The span is current inside the block, so spans started there are its children. With
 * {@code distrace.enabled=false} it creates no spans, and {@link #currentTraceId()}
 * returns an empty string.
 *
 * @author distrace
 */
public final class Distrace {

	private final Tracer tracer;

	/**
	 * Creates a {@code Distrace} that starts spans with the given tracer.
	 * @param tracer the tracer
	 */
	public Distrace(Tracer tracer) {
		this.tracer = tracer;
	}

	/**
	 * Starts a span, a child of the current span, and makes it current until it is
	 * closed. Close it on the thread that started it.
	 * @param name the span name
	 * @return the started span
	 */
	public TraceSpan span(String name) {
		Assert.hasText(name, "Span name must not be empty");
		Span span = this.tracer.spanBuilder(name).startSpan();
		return new TraceSpan(span, span.makeCurrent());
	}

	/**
	 * Returns the trace id of the current span, as 32 lower-case hex characters.
	 * @return the trace id, or an empty string when no span is current
	 */
	public String currentTraceId() {
		return TraceSpan.idOrEmpty(Span.current().getSpanContext(), SpanContext::getTraceId);
	}

}
