package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.TraceState;

/**
 * Reads a {@code tracestate} header by the rules of W3C Trace Context Level 2, which are
 * looser than OpenTelemetry's own parser in three places: empty list members are skipped
 * (two headers, one of them empty, arrive joined as {@code foo=1,}), a repeated key keeps
 * its first value instead of dropping the whole list, and a key is any
 * {@code (lcalpha / DIGIT) 0*255(keychar)}, so {@code foo@}, {@code foo@@bar} and a
 * 256-character key are valid. A list that breaks the grammar anywhere, or has more than
 * 32 members, is dropped whole: the specification forbids passing on a list that could
 * not be parsed.
 *
 * @author distrace
 */
final class TraceStateHeader {

	static final int MAX_MEMBERS = 32;

	private static final int MAX_KEY_LENGTH = 256;

	private static final int MAX_VALUE_LENGTH = 256;

	private TraceStateHeader() {
	}

	/**
	 * Parse a header, several headers arriving joined with commas.
	 * @param header the header value
	 * @return its members in order, or the empty trace state when it is empty or invalid
	 */
	static TraceState parse(String header) {
		List<String> entries = new ArrayList<>();
		int members = 0;
		int start = 0;
		while (start <= header.length()) {
			int comma = header.indexOf(',', start);
			int end = (comma < 0) ? header.length() : comma;
			int from = skipWhitespace(header, start, end);
			int to = trimWhitespace(header, from, end);
			if (from < to) {
				int equals = header.indexOf('=', from);
				if (equals < 0 || equals >= to || ++members > MAX_MEMBERS) {
					return TraceState.getDefault();
				}
				String key = header.substring(from, equals);
				String value = header.substring(equals + 1, to);
				if (!isKey(key) || !isValue(value)) {
					return TraceState.getDefault();
				}
				if (ListTraceState.indexOf(entries, key) < 0) {
					entries.add(key);
					entries.add(value);
				}
			}
			if (comma < 0) {
				break;
			}
			start = comma + 1;
		}
		return entries.isEmpty() ? TraceState.getDefault() : new ListTraceState(entries);
	}

	/**
	 * Whether the text is a key by the Level 2 grammar:
	 * {@code (lcalpha / DIGIT) 0*255(lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@")}.
	 */
	static boolean isKey(String key) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !isLowercaseLetterOrDigit(key.charAt(0))) {
			return false;
		}
		for (int i = 1; i < key.length(); i++) {
			char c = key.charAt(i);
			if (!isLowercaseLetterOrDigit(c) && c != '_' && c != '-' && c != '*' && c != '/' && c != '@') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the text is a value: 1 to 256 printable ASCII characters but {@code ,} and
	 * {@code =}, the last one not a space.
	 */
	static boolean isValue(String value) {
		if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH || value.charAt(value.length() - 1) == ' ') {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < ' ' || c > '~' || c == ',' || c == '=') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLowercaseLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
	}

	private static int skipWhitespace(String text, int from, int end) {
		int i = from;
		while (i < end && isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int trimWhitespace(String text, int from, int end) {
		int i = end;
		while (i > from && isWhitespace(text.charAt(i - 1))) {
			i--;
		}
		return i;
	}

	// OWS in the specification: space and horizontal tab only.
	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

}
