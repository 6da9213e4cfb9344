package io.github.distrace.autoconfigure.ui;

import java.util.Locale;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

/**
 * Keeps credentials out of the store: the values of captured {@code Authorization},
 * {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} headers are replaced
 * by {@value #REDACTED}, so that the viewer still shows that the header was there.
 * <p>
 * Internal: not for use outside distrace; public for the viewer's OTLP receiver
 * ({@code ui.otlp}).
 *
 * @author distrace
 */
public final class SensitiveAttributes {

	/**
	 * What a sensitive value is replaced by.
	 */
	public static final String REDACTED = "[redacted]";

	private static final String[] HEADER_PREFIXES = { "http.request.header.", "http.response.header." };

	private static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
			"set-cookie");

	private SensitiveAttributes() {
	}

	static boolean isSensitive(String key) {
		for (String prefix : HEADER_PREFIXES) {
			if (key.regionMatches(true, 0, prefix, 0, prefix.length())) {
				String header = key.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
				return SENSITIVE_HEADERS.contains(header);
			}
		}
		return false;
	}

	/**
	 * Return the attributes with sensitive values redacted; the same instance when there
	 * is none, which is the common case and costs no copy.
	 * @param attributes the attributes of a span or event
	 * @return attributes safe to keep
	 */
	public static Attributes redact(Attributes attributes) {
		boolean[] found = new boolean[1];
		attributes.forEach((key, value) -> found[0] |= isSensitive(key.getKey()));
		if (!found[0]) {
			return attributes;
		}
		AttributesBuilder builder = Attributes.builder();
		attributes.forEach((key, value) -> {
			if (isSensitive(key.getKey())) {
				builder.put(key.getKey(), REDACTED);
			}
			else {
				putUnchecked(builder, key, value);
			}
		});
		return builder.build();
	}

	@SuppressWarnings("unchecked")
	private static <T> void putUnchecked(AttributesBuilder builder, AttributeKey<T> key, Object value) {
		builder.put(key, (T) value);
	}

}
