package io.github.distrace.autoconfigure.sdk.internal;

import java.util.Set;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.semconv.HttpAttributes;

/**
 * The HTTP method as the stable semantic conventions want it: known methods as they are,
 * anything else as {@code _OTHER} with the original kept aside, so that a hostile method
 * cannot create unbounded span names.
 */
public final class HttpMethods {

	private static final Set<String> KNOWN = Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST",
			"PUT", "TRACE", "QUERY");

	private HttpMethods() {
	}

	public static boolean isKnown(String method) {
		return KNOWN.contains(method);
	}

	/**
	 * Return the first part of a span name: the method, or {@code HTTP} for an unknown
	 * one.
	 * @param method the request method
	 * @return the span name prefix
	 */
	public static String spanName(String method) {
		return isKnown(method) ? method : "HTTP";
	}

	public static void setMethod(SpanBuilder builder, String method) {
		if (isKnown(method)) {
			builder.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
		}
		else {
			builder.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, HttpAttributes.HttpRequestMethodValues.OTHER);
			builder.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, method);
		}
	}

}
