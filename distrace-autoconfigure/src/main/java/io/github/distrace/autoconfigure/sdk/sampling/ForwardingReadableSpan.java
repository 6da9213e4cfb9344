package io.github.distrace.autoconfigure.sdk.sampling;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * An ended span as the tail decision hands it on, with what the decision changes about it
 * ({@link KeptSpan}, {@link KeptRootSpan}); the rest is the span's own.
 *
 * @author distrace
 */
abstract class ForwardingReadableSpan implements ReadableSpan {

	private final ReadableSpan span;

	ForwardingReadableSpan(ReadableSpan span) {
		this.span = span;
	}

	@Override
	public SpanContext getSpanContext() {
		return this.span.getSpanContext();
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
