package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.Locale;

/**
 * Header format used to carry trace context and baggage between services.
 *
 * @author distrace
 */
public enum PropagatorType {

	/**
	 * W3C Trace Context: {@code traceparent} and {@code tracestate}.
	 */
	TRACECONTEXT,

	/**
	 * W3C Baggage: {@code baggage}.
	 */
	BAGGAGE,

	/**
	 * Zipkin B3, single {@code b3} header.
	 */
	B3,

	/**
	 * Zipkin B3, one {@code X-B3-*} header per field.
	 */
	B3MULTI,

	/**
	 * Jaeger's {@code uber-trace-id} and {@code uberctx-*} headers.
	 */
	JAEGER;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
