package io.github.distrace.autoconfigure.baggage;

import java.nio.charset.StandardCharsets;

import io.github.distrace.autoconfigure.sdk.internal.HttpHeaderText;
import io.opentelemetry.api.baggage.Baggage;

/**
 * The W3C Baggage rules that a value set through the service must keep, so that a bad
 * value fails where it is set instead of silently disappearing from the header.
 *
 * @author distrace
 * @see <a href="https://www.w3.org/TR/baggage/#limits">W3C Baggage limits</a>
 */
final class BaggageRules {

	static final int MAX_MEMBERS = 64;

	static final int MAX_BYTES = 8192;

	private BaggageRules() {
	}

	static void checkKey(String key) {
		if (!HttpHeaderText.isToken(key)) {
			throw new IllegalArgumentException("Invalid baggage key '" + printable(key)
					+ "': a key must be a non-empty HTTP token (letters, digits and " + HttpHeaderText.TOKEN_SYMBOLS
					+ ")");
		}
	}

	static void checkLimits(Baggage baggage) {
		if (baggage.size() > MAX_MEMBERS) {
			throw new IllegalArgumentException(
					"Baggage would have " + baggage.size() + " entries; the W3C limit is " + MAX_MEMBERS);
		}
		int[] bytes = { -1 };
		baggage.forEach((key, entry) -> bytes[0] += key.length() + 2 + encodedLength(entry.getValue()));
		if (bytes[0] > MAX_BYTES) {
			throw new IllegalArgumentException(
					"Baggage would be " + bytes[0] + " bytes in the baggage header; the W3C limit is " + MAX_BYTES);
		}
	}

	// Length of the value as OpenTelemetry's propagator writes it: percent-encoded UTF-8.
	private static int encodedLength(String value) {
		int length = 0;
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			length += isBaggageOctet(b) ? 1 : 3;
		}
		return length;
	}

	private static boolean isBaggageOctet(byte b) {
		return b == 0x21 || (b >= 0x23 && b <= 0x2B) || (b >= 0x2D && b <= 0x3A) || (b >= 0x3C && b <= 0x5B)
				|| (b >= 0x5D && b <= 0x7E);
	}

	private static String printable(String key) {
		String shown = (key.length() > 64) ? key.substring(0, 64) + "..." : key;
		return shown.chars()
			.mapToObj((c) -> (c < 0x20 || c == 0x7f) ? String.format("\\u%04x", c) : String.valueOf((char) c))
			.reduce("", String::concat);
	}

}
