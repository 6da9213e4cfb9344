package io.github.distrace.autoconfigure.sdk;

import org.jspecify.annotations.Nullable;

/**
 * Checks configured export headers, so that a value with a line break cannot split an
 * export request.
 *
 * @author distrace
 */
final class HeaderValidator {

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private HeaderValidator() {
	}

	/**
	 * Return why the header cannot be sent, or {@code null} when it can.
	 * @param name the header name
	 * @param value the header value
	 * @return the reason, or {@code null}
	 */
	static @Nullable String problemWith(String name, String value) {
		if (name.isEmpty() || !name.chars().allMatch(HeaderValidator::isTokenChar)) {
			return "header name '" + name + "' must be an HTTP token (letters, digits and " + TOKEN_SYMBOLS + ")";
		}
		if (!value.chars().allMatch((c) -> c == '\t' || (c >= 0x20 && c != 0x7f))) {
			return "header value must not contain line breaks or other control characters";
		}
		return null;
	}

	private static boolean isTokenChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| TOKEN_SYMBOLS.indexOf(c) >= 0;
	}

}
