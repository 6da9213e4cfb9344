package io.github.distrace.internal;

import java.util.Locale;

/**
 * Replaces the values in the message of a database error with {@code ?}, as the SQL
 * sanitizer replaces the literals of a statement: drivers quote the offending values
 * ({@code Duplicate entry 'ada@example.com' for key 'email'}), and Spring copies the
 * driver's message into the exceptions it translates it to. Replaced are text in single
 * or double quotes (PostgreSQL and H2 double-quote values too, so identifiers such as a
 * constraint's name go with them), numbers, e-mail addresses, and the unquoted row values
 * that PostgreSQL and SQL Server list in parentheses ({@code Key (email)=(...)},
 * {@code Failing row contains (...)}, {@code The duplicate key value is (...)}). Words
 * are kept, so the message still says what went wrong. Anything unterminated counts as a
 * value up to the end, so that a value never leaks.
 *
 * @author distrace
 */
final class ErrorMessageSanitizer {

	private static final String[] WORDS_BEFORE_VALUES = { "contains", "is" };

	private ErrorMessageSanitizer() {
	}

	/**
	 * Sanitize a message.
	 * @param message the message
	 * @return the message without values
	 */
	static String sanitize(String message) {
		int length = message.length();
		// A listed value may hold parentheses itself, so a list runs to the last one.
		int lastParenthesis = message.lastIndexOf(')');
		StringBuilder out = new StringBuilder(length);
		int i = 0;
		while (i < length) {
			char c = message.charAt(i);
			if (c == '\'' || c == '"') {
				i = endOfQuoted(message, i, c);
				out.append('?');
			}
			else if (c == '(' && valuesFollow(out)) {
				i = (lastParenthesis > i) ? lastParenthesis + 1 : length;
				out.append("(?)");
			}
			else if (c == '@' && isLocalPart(previous(out)) && i + 1 < length && isWordPart(message.charAt(i + 1))) {
				i = endOfAddress(message, i + 1);
				removeLocalPart(out);
				out.append('?');
			}
			else if (isDigit(c)) {
				i = endOfNumber(message, i);
				out.append('?');
			}
			else if (isWordPart(c)) {
				int end = endOfWord(message, i);
				out.append(message, i, end);
				i = end;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	// In prose a closing quote ends a word: "it's" inside 'it's' does not close it, and a
	// doubled quote in SQL ('O''Brien') makes two values, not one with a gap.
	private static int endOfQuoted(String message, int start, char quote) {
		int length = message.length();
		for (int i = start + 1; i < length; i++) {
			if (message.charAt(i) == quote && (i + 1 == length || !isWordPart(message.charAt(i + 1)))) {
				return i + 1;
			}
		}
		return length;
	}

	// Whether the text so far ends with "=" or a word after which a database lists
	// values.
	private static boolean valuesFollow(StringBuilder out) {
		int end = out.length();
		while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
			end--;
		}
		if (end > 0 && out.charAt(end - 1) == '=') {
			return true;
		}
		int start = end;
		while (start > 0 && isWordPart(out.charAt(start - 1))) {
			start--;
		}
		String word = out.substring(start, end).toLowerCase(Locale.ROOT);
		for (String candidate : WORDS_BEFORE_VALUES) {
			if (candidate.equals(word)) {
				return true;
			}
		}
		return false;
	}

	private static char previous(StringBuilder out) {
		return out.isEmpty() ? ' ' : out.charAt(out.length() - 1);
	}

	// The local part before "@" is already copied: its words as they are, its digits as
	// ?.
	private static void removeLocalPart(StringBuilder out) {
		int start = out.length();
		while (start > 0 && isLocalPart(out.charAt(start - 1))) {
			start--;
		}
		out.setLength(start);
	}

	private static boolean isLocalPart(char copied) {
		return isAddressPart(copied) || copied == '?';
	}

	private static int endOfAddress(String message, int start) {
		int i = start;
		while (i < message.length() && isAddressPart(message.charAt(i))) {
			i++;
		}
		// A sentence may end right after the address.
		while (message.charAt(i - 1) == '.') {
			i--;
		}
		return i;
	}

	// Digits and what follows them without a break: 42, 3.14, 0x1F, 1e10, 23505-232 is
	// two.
	private static int endOfNumber(String message, int start) {
		int i = start;
		while (i < message.length() && (isWordPart(message.charAt(i)) || isDecimalPoint(message, i))) {
			i++;
		}
		return i;
	}

	private static boolean isDecimalPoint(String message, int i) {
		return message.charAt(i) == '.' && i + 1 < message.length() && isDigit(message.charAt(i + 1));
	}

	private static int endOfWord(String message, int start) {
		int i = start;
		while (i < message.length() && isWordPart(message.charAt(i))) {
			i++;
		}
		return i;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isWordPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}

	private static boolean isAddressPart(char c) {
		return isWordPart(c) || c == '.' || c == '-' || c == '+' || c == '%';
	}

}
