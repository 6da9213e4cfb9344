package io.github.distrace.autoconfigure.sdk.internal;

import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

/**
 * The W3C Trace Context Level 2 {@code traceresponse} header that servlet and reactive
 * server spans add to their responses, so that callers can find the trace.
 *
 * @author distrace
 */
public final class TraceResponse {

	/**
	 * The header's name.
	 */
	public static final String HEADER = "traceresponse";

	private TraceResponse() {
	}

	/**
	 * Return the header's value for a server span.
	 * @param spanContext the server span's context
	 * @return the value, or {@code null} for an invalid context (tracing off)
	 */
	public static @Nullable String value(SpanContext spanContext) {
		if (!spanContext.isValid()) {
			return null;
		}
		return "00-" + spanContext.getTraceId() + "-" + spanContext.getSpanId() + "-"
				+ spanContext.getTraceFlags().asHex();
	}

}
