package io.github.distrace.autoconfigure.sdk;

import io.github.distrace.autoconfigure.sdk.internal.HttpHeaderText;
import org.jspecify.annotations.Nullable;

/**
 * Checks configured export headers, so that a value with a line break cannot split an
 * export request.
 *
 * @author distrace
 */
final class HeaderValidator {

	private HeaderValidator() {
	}

	/**
	 * Return why the header cannot be sent, or {@code null} when it can.
	 * @param name the header name
	 * @param value the header value
	 * @return the reason, or {@code null}
	 */
	static @Nullable String problemWith(String name, String value) {
		if (!HttpHeaderText.isToken(name)) {
			return "header name '" + name + "' must be an HTTP token (letters, digits and "
					+ HttpHeaderText.TOKEN_SYMBOLS + ")";
		}
		if (!HttpHeaderText.isFieldValue(value)) {
			return "header value must be ASCII text without line breaks or other control characters";
		}
		return null;
	}

}
