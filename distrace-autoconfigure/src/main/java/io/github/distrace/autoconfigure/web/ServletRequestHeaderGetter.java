package io.github.distrace.autoconfigure.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads propagation headers from a servlet request by the W3C Trace Context rules: a
 * request with several {@code traceparent} headers, or an invalid one, is treated as
 * having none (so it starts a new trace), and several headers of any other name are
 * joined with commas in the order they arrived, as HTTP combines repeated fields.
 */
final class ServletRequestHeaderGetter implements TextMapGetter<HttpServletRequest> {

	static final ServletRequestHeaderGetter INSTANCE = new ServletRequestHeaderGetter();

	private static final String TRACEPARENT = "traceparent";

	private ServletRequestHeaderGetter() {
	}

	@Override
	public Iterable<String> keys(HttpServletRequest request) {
		Enumeration<String> names = request.getHeaderNames();
		return (names != null) ? Collections.list(names) : Collections.emptyList();
	}

	@Override
	public @Nullable String get(@Nullable HttpServletRequest request, String key) {
		// Most propagation headers are absent; asking for the first value costs less than
		// an enumeration of all of them.
		if (request == null || request.getHeader(key) == null) {
			return null;
		}
		Enumeration<String> values = request.getHeaders(key);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String first = values.nextElement();
		boolean traceparent = TRACEPARENT.equalsIgnoreCase(key);
		if (!values.hasMoreElements()) {
			return (!traceparent || TraceParent.isValid(first)) ? first : null;
		}
		if (traceparent) {
			return null;
		}
		StringBuilder joined = new StringBuilder(first);
		while (values.hasMoreElements()) {
			joined.append(',').append(values.nextElement());
		}
		return joined.toString();
	}

	/**
	 * Return each header as sent, so that a propagator that reads them one by one (W3C
	 * Baggage) can keep the headers within its limits and drop only the ones past them.
	 */
	@Override
	public Iterator<String> getAll(@Nullable HttpServletRequest request, String key) {
		// As in get: an absent header (baggage, usually) costs no enumeration.
		if (request == null || request.getHeader(key) == null) {
			return Collections.emptyIterator();
		}
		if (TRACEPARENT.equalsIgnoreCase(key)) {
			String value = get(request, key);
			return (value != null) ? List.of(value).iterator() : Collections.emptyIterator();
		}
		Enumeration<String> values = request.getHeaders(key);
		return (values != null) ? values.asIterator() : Collections.emptyIterator();
	}

}
