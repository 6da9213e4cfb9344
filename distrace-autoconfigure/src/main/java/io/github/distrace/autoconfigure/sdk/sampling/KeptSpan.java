package io.github.distrace.autoconfigure.sdk.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * A span of a local root that the tail decision kept, as the export processor sees it:
 * sampled, since the tail decision sampled it, so that any export processor takes it, a
 * user's own {@code BatchSpanProcessor} built with its defaults among them. What is
 * exported, its data, is the span's own: it keeps the trace flags it was recorded with,
 * which the calls it made carried.
 *
 * @author distrace
 */
final class KeptSpan implements ReadableSpan {

	private final ReadableSpan span;

	private final SpanContext sampled;

	KeptSpan(ReadableSpan span) {
		this.span = span;
		SpanContext context = span.getSpanContext();
		this.sampled = SpanContext.create(context.getTraceId(), context.getSpanId(), TraceFlags.getSampled(),
				context.getTraceState());
	}

	@Override
	public SpanContext getSpanContext() {
		return this.sampled;
	}

	@Override
	public SpanContext getParentSpanContext() {
		return this.span.getParentSpanContext();
	}

	@Override
	public String getName() {
		return this.span.getName();
	}

	@Override
	public SpanData toSpanData() {
		return this.span.toSpanData();
	}

	@Override
	@Deprecated
	@SuppressWarnings("deprecation")
	public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
		return this.span.getInstrumentationLibraryInfo();
	}

	@Override
	public InstrumentationScopeInfo getInstrumentationScopeInfo() {
		return this.span.getInstrumentationScopeInfo();
	}

	@Override
	public boolean hasEnded() {
		return this.span.hasEnded();
	}

	@Override
	public long getLatencyNanos() {
		return this.span.getLatencyNanos();
	}

	@Override
	public SpanKind getKind() {
		return this.span.getKind();
	}

	@Override
	public <T> @Nullable T getAttribute(AttributeKey<T> key) {
		return this.span.getAttribute(key);
	}

	@Override
	public Attributes getAttributes() {
		return this.span.getAttributes();
	}

}
