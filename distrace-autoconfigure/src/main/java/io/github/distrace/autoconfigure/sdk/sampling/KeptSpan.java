package io.github.distrace.autoconfigure.sdk.sampling;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * A span of a local root that the tail decision kept, as the export processor sees it:
 * sampled, since the tail decision sampled it, so that any export processor takes it, a
 * user's own {@code BatchSpanProcessor} built with its defaults among them. What is
 * exported, its data, is the span's own: it keeps the trace flags it was recorded with,
 * which the calls it made carried.
 *
 * @author distrace
 */
final class KeptSpan extends ForwardingReadableSpan {

	private final SpanContext sampled;

	KeptSpan(ReadableSpan span) {
		super(span);
		SpanContext context = span.getSpanContext();
		this.sampled = SpanContext.create(context.getTraceId(), context.getSpanId(), TraceFlags.getSampled(),
				context.getTraceState());
	}

	@Override
	public SpanContext getSpanContext() {
		return this.sampled;
	}

}
