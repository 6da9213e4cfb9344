package io.github.distrace.autoconfigure.web.reactive;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.github.distrace.autoconfigure.sdk.internal.TraceParentSyntax;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads propagation headers from a reactive request's headers by the W3C Trace Context
 * rules, as the servlet filter reads them: several {@code traceparent} headers, or an
 * invalid one, count as none (a new trace starts), and several headers of any other name
 * are joined with commas in the order they arrived.
 */
final class ServerHttpRequestHeaderGetter implements TextMapGetter<HttpHeaders> {

	static final ServerHttpRequestHeaderGetter INSTANCE = new ServerHttpRequestHeaderGetter();

	private static final String TRACEPARENT = "traceparent";

	private ServerHttpRequestHeaderGetter() {
	}

	@Override
	public Iterable<String> keys(HttpHeaders headers) {
		return headers.headerNames();
	}

	@Override
	public @Nullable String get(@Nullable HttpHeaders headers, String key) {
		List<String> values = (headers != null) ? headers.get(key) : null;
		if (values == null || values.isEmpty()) {
			return null;
		}
		String first = values.get(0);
		boolean traceparent = TRACEPARENT.equalsIgnoreCase(key);
		if (values.size() == 1) {
			return (!traceparent || TraceParentSyntax.isValid(first)) ? first : null;
		}
		return traceparent ? null : String.join(",", values);
	}

	/**
	 * Return each header as sent, so that a propagator that reads them one by one (W3C
	 * Baggage) can keep the headers within its limits and drop only the ones past them.
	 */
	@Override
	public Iterator<String> getAll(@Nullable HttpHeaders headers, String key) {
		if (TRACEPARENT.equalsIgnoreCase(key)) {
			String value = get(headers, key);
			return (value != null) ? List.of(value).iterator() : Collections.emptyIterator();
		}
		List<String> values = (headers != null) ? headers.get(key) : null;
		return (values != null) ? values.iterator() : Collections.emptyIterator();
	}

}
