package io.github.distrace.autoconfigure.sdk.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
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

	/**
	 * Which responses carry the header.
	 */
	public enum Policy {

		/**
		 * Every traced response.
		 */
		ALWAYS,

		/**
		 * Only a response that tells the caller something it does not know: the trace
		 * started here (no valid incoming context, or one whose trace was not continued),
		 * or the server span's sampled flag differs from the caller's. A caller whose
		 * trace was continued as it asked already knows the trace id, and finds the
		 * server span as the child of its own.
		 */
		UNLESS_CONTINUED,

		/**
		 * No response.
		 */
		NEVER;

		/**
		 * Return the header's value for a server span, if this policy writes one.
		 * @param parent the context extracted from the request
		 * @param spanContext the server span's context
		 * @return the value, or {@code null} for no header
		 */
		public @Nullable String value(Context parent, SpanContext spanContext) {
			return switch (this) {
				case ALWAYS -> TraceResponse.value(spanContext);
				case UNLESS_CONTINUED -> continued(parent, spanContext) ? null : TraceResponse.value(spanContext);
				case NEVER -> null;
			};
		}

		private static boolean continued(Context parent, SpanContext spanContext) {
			SpanContext caller = Span.fromContext(parent).getSpanContext();
			return caller.isValid() && caller.isRemote() && caller.getTraceId().equals(spanContext.getTraceId())
					&& caller.isSampled() == spanContext.isSampled();
		}

	}

}
