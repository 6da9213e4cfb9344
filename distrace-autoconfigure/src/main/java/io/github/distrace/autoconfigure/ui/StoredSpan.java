package io.github.distrace.autoconfigure.ui;

import java.util.List;

import io.github.distrace.DistraceAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A finished span as the viewer keeps it, from this application or from another service
 * through OTLP. Sensitive header values are already redacted.
 *
 * <p>
 * Internal: not for use outside distrace; public for the viewer's OTLP receiver
 * ({@code ui.otlp}).
 *
 * @param traceId the trace id, 32 lower-case hex digits
 * @param spanId the span id, 16 lower-case hex digits
 * @param parentSpanId the parent's span id, or an empty string for a root span
 * @param name the span name
 * @param kind the span kind
 * @param startEpochNanos the start time
 * @param endEpochNanos the end time
 * @param status the status code
 * @param statusMessage the status description, possibly empty
 * @param attributes the span attributes
 * @param events the span events
 * @param resource the attributes of the resource that produced the span
 * @param scope the name of the instrumentation scope
 * @param exported whether the span was sent to the exporters: sampled, or received over
 * OTLP; a recorded span that was not sampled is exported only when its trace is kept
 */
public record StoredSpan(String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
		long startEpochNanos, long endEpochNanos, StatusCode status, String statusMessage, Attributes attributes,
		List<StoredEvent> events, Attributes resource, String scope, boolean exported) {

	static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	// On the local root of a trace the head sampler did not sample, when the tail
	// decision kept it.
	static final AttributeKey<String> SAMPLING_KEPT = DistraceAttributes.SAMPLING_KEPT;

	static StoredSpan of(SpanData span) {
		List<StoredEvent> events = span.getEvents()
			.stream()
			.map((EventData event) -> new StoredEvent(event.getName(), event.getEpochNanos(),
					SensitiveAttributes.redact(event.getAttributes())))
			.toList();
		String parentSpanId = span.getParentSpanContext().isValid() ? span.getParentSpanId() : "";
		return new StoredSpan(span.getTraceId(), span.getSpanId(), parentSpanId, span.getName(), span.getKind(),
				span.getStartEpochNanos(), span.getEndEpochNanos(), span.getStatus().getStatusCode(),
				span.getStatus().getDescription(), SensitiveAttributes.redact(span.getAttributes()), events,
				span.getResource().getAttributes(), span.getInstrumentationScopeInfo().getName(),
				span.getSpanContext().isSampled());
	}

	boolean isRoot() {
		return this.parentSpanId.isEmpty();
	}

	boolean isError() {
		return this.status == StatusCode.ERROR;
	}

	String service() {
		String service = this.resource.get(SERVICE_NAME);
		return (service != null) ? service : "unknown_service";
	}

	long durationNanos() {
		return Math.max(0, this.endEpochNanos - this.startEpochNanos);
	}

}
