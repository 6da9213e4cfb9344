package io.github.distrace.autoconfigure.sdk.internal;

/**
 * What RFC 9110 allows in header names and values, for every part of distrace that writes
 * or checks header text: configured export headers, propagated headers, and baggage keys
 * (which the W3C Baggage specification defines as tokens).
 * <p>
 * Internal: not for use outside distrace.
 *
 * @author distrace
 */
public final class HttpHeaderText {

	/**
	 * The symbols allowed in a token besides letters and digits.
	 */
	public static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private HttpHeaderText() {
	}

	/**
	 * Return whether the text is a token: non-empty, only letters, digits and
	 * {@link #TOKEN_SYMBOLS}.
	 * @param text the text to check
	 * @return whether it is a token
	 */
	public static boolean isToken(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return whether the text can be sent as a header value: visible ASCII, spaces and
	 * tabs, no line break or other control character.
	 * @param text the text to check
	 * @return whether it is a valid field value
	 */
	public static boolean isFieldValue(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t') || c >= 0x7f) {
				return false;
			}
		}
		return true;
	}

}
