package io.github.distrace.autoconfigure.messaging;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import io.github.distrace.autoconfigure.sdk.internal.TraceParentSyntax;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * Reads propagation headers from a consumed message by the rules distrace applies to HTTP
 * requests: a message with several {@code traceparent} headers, or an invalid one, is
 * treated as having none (it starts a new trace), and several headers of any other name
 * are joined with commas. A value that is not text, or longer than
 * {@value #MAX_VALUE_LENGTH} characters (a message has no header size limit of its own,
 * as an HTTP server has), is ignored too. Each ignored header is counted by a
 * {@link MalformedHeaderWarning}.
 *
 * @param <C> the type of the message or its headers
 * @author distrace
 */
abstract class MessageHeaderGetter<C> implements TextMapGetter<C> {

	static final int MAX_VALUE_LENGTH = 8192;

	private static final String TRACEPARENT = "traceparent";

	private final MalformedHeaderWarning warning;

	MessageHeaderGetter(MalformedHeaderWarning warning) {
		this.warning = warning;
	}

	/**
	 * Return the values of a header as text, in the order the message holds them, with
	 * {@code null} for a value that is not text.
	 * @param carrier the message or its headers
	 * @param key the header name
	 * @return the values, empty if the header is absent
	 */
	abstract List<@Nullable String> values(C carrier, String key);

	@Override
	public @Nullable String get(@Nullable C carrier, String key) {
		if (carrier == null) {
			return null;
		}
		List<@Nullable String> values = values(carrier, key);
		if (values.isEmpty()) {
			return null;
		}
		boolean traceparent = TRACEPARENT.equals(key);
		if (traceparent && values.size() > 1) {
			this.warning.ignored(key);
			return null;
		}
		int length = values.size() - 1;
		for (String value : values) {
			if (value == null || value.length() > MAX_VALUE_LENGTH) {
				this.warning.ignored(key);
				return null;
			}
			length += value.length();
		}
		if (length > MAX_VALUE_LENGTH) {
			this.warning.ignored(key);
			return null;
		}
		String first = values.get(0);
		if (values.size() == 1) {
			if (traceparent && !TraceParentSyntax.isValid(first)) {
				this.warning.ignored(key);
				return null;
			}
			return first;
		}
		return String.join(",", values);
	}

	@Override
	public Iterator<String> getAll(@Nullable C carrier, String key) {
		String value = get(carrier, key);
		return (value != null) ? List.of(value).iterator() : Collections.emptyIterator();
	}

}
