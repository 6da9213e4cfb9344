package io.github.distrace.autoconfigure.sdk.internal;

/**
 * Syntax of a W3C {@code traceparent} header, checked strictly before any propagator sees
 * it, so that every OpenTelemetry version treats a malformed value alike: as absent. Used
 * for HTTP requests and for consumed messages.
 * <p>
 * Internal: not for use outside distrace.
 *
 * @author distrace
 */
public final class TraceParentSyntax {

	private static final int VERSION_00_LENGTH = 55;

	private TraceParentSyntax() {
	}

	/**
	 * Return whether the value is a {@code traceparent} to continue: lower-case hex
	 * fields of the right lengths, a version other than {@code ff}, and ids that are not
	 * all zero. Versions after {@code 00} may carry more fields after a dash.
	 * @param value the header value
	 * @return whether the value is valid
	 */
	public static boolean isValid(String value) {
		if (value.length() < VERSION_00_LENGTH) {
			return false;
		}
		// The version is compared in place: a substring would be one more object per
		// request.
		if (!isLowerHex(value, 0, 2) || value.startsWith("ff")) {
			return false;
		}
		if (value.startsWith("00") ? value.length() != VERSION_00_LENGTH
				: value.length() > VERSION_00_LENGTH && value.charAt(VERSION_00_LENGTH) != '-') {
			return false;
		}
		return value.charAt(2) == '-' && value.charAt(35) == '-' && value.charAt(52) == '-' && isLowerHex(value, 3, 35)
				&& !isAllZero(value, 3, 35) && isLowerHex(value, 36, 52) && !isAllZero(value, 36, 52)
				&& isLowerHex(value, 53, 55);
	}

	private static boolean isLowerHex(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAllZero(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			if (value.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

}
