package io.github.distrace.autoconfigure.sql;

/**
 * Replaces the literals of a SQL statement with {@code ?}: strings (with doubled or
 * backslash-escaped quotes), PostgreSQL dollar-quoted strings, numbers, and the members
 * of {@code IN} lists. Comments, MySQL's {@code #} comments included, are removed, since
 * applications put values there too. Anything unterminated is treated as a literal up to
 * the end, so that a value never leaks.
 *
 * @author distrace
 */
final class SqlSanitizer {

	private SqlSanitizer() {
	}

	/**
	 * Sanitize a statement.
	 * @param sql the statement
	 * @param mysqlQuoting whether the database reads double quotes as strings and
	 * backslashes as escapes, as MySQL and MariaDB do by default
	 * @return the statement without values
	 */
	static String sanitize(String sql, boolean mysqlQuoting) {
		StringBuilder out = new StringBuilder(sql.length());
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			char next = (i + 1 < length) ? sql.charAt(i + 1) : '\0';
			if (c == '\'') {
				i = endOfQuoted(sql, i, '\'', mysqlQuoting || isEscapeStringPrefix(out));
				out.append('?');
			}
			else if (c == '"') {
				int end = endOfQuoted(sql, i, '"', mysqlQuoting);
				out.append(mysqlQuoting ? "?" : sql.substring(i, end));
				i = end;
			}
			else if (c == '`') {
				int end = endOfQuoted(sql, i, '`', false);
				out.append(sql, i, end);
				i = end;
			}
			else if ((c == '-' && next == '-') || (c == '#' && mysqlQuoting)) {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? length : end;
				out.append(' ');
			}
			else if (c == '/' && next == '*') {
				i = endOfBlockComment(sql, i);
				out.append(' ');
			}
			else if (c == '$' && Character.isDigit(next)) {
				int end = i + 1;
				while (end < length && Character.isDigit(sql.charAt(end))) {
					end++;
				}
				out.append(sql, i, end);
				i = end;
			}
			else if (c == '$' && dollarTagEnd(sql, i) > 0) {
				int tagEnd = dollarTagEnd(sql, i);
				int close = sql.indexOf(sql.substring(i, tagEnd), tagEnd);
				i = (close < 0) ? length : close + (tagEnd - i);
				out.append('?');
			}
			else if (Character.isDigit(c) || (c == '.' && Character.isDigit(next))) {
				i = endOfNumber(sql, i);
				out.append('?');
			}
			else if (isIdentifierStart(c)) {
				int end = i + 1;
				while (end < length && isIdentifierPart(sql.charAt(end))) {
					end++;
				}
				out.append(sql, i, end);
				i = end;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return collapseInLists(out).trim();
	}

	// "IN (?, ?, ?)" becomes "IN (?)", so that lists of any length read alike. A loop,
	// not a regular expression: repeated groups recurse, and a long list would overflow
	// the stack.
	private static String collapseInLists(CharSequence sql) {
		StringBuilder out = new StringBuilder(sql.length());
		int length = sql.length();
		int i = 0;
		while (i < length) {
			char c = sql.charAt(i);
			if (isIdentifierStart(c)) {
				int end = i + 1;
				while (end < length && isIdentifierPart(sql.charAt(end))) {
					end++;
				}
				out.append(sql, i, end);
				int listEnd = (end - i == 2 && isIn(sql, i)) ? endOfPlaceholderList(sql, end) : -1;
				if (listEnd > 0) {
					out.append(" (?)");
					end = listEnd;
				}
				i = end;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

	private static boolean isIn(CharSequence sql, int start) {
		return Character.toUpperCase(sql.charAt(start)) == 'I' && Character.toUpperCase(sql.charAt(start + 1)) == 'N';
	}

	// End (exclusive) of "(?, ?, ...)" starting at or after whitespace from start, or -1.
	private static int endOfPlaceholderList(CharSequence sql, int start) {
		int i = skipWhitespace(sql, start);
		if (i >= sql.length() || sql.charAt(i) != '(') {
			return -1;
		}
		while (true) {
			i = skipWhitespace(sql, i + 1);
			if (i >= sql.length() || sql.charAt(i) != '?') {
				return -1;
			}
			i = skipWhitespace(sql, i + 1);
			if (i >= sql.length()) {
				return -1;
			}
			if (sql.charAt(i) == ')') {
				return i + 1;
			}
			if (sql.charAt(i) != ',') {
				return -1;
			}
		}
	}

	private static int skipWhitespace(CharSequence sql, int start) {
		int i = start;
		while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
			i++;
		}
		return i;
	}

	// PostgreSQL's E'...' strings take backslash escapes even with standard strings on.
	private static boolean isEscapeStringPrefix(StringBuilder out) {
		int length = out.length();
		if (length == 0 || (out.charAt(length - 1) != 'E' && out.charAt(length - 1) != 'e')) {
			return false;
		}
		return length == 1 || !isIdentifierPart(out.charAt(length - 2));
	}

	private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
		int i = start + 1;
		int length = sql.length();
		while (i < length) {
			char c = sql.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
			}
			else if (c == quote) {
				if (i + 1 < length && sql.charAt(i + 1) == quote) {
					i += 2;
				}
				else {
					return i + 1;
				}
			}
			else {
				i++;
			}
		}
		return length;
	}

	// PostgreSQL nests block comments; other databases never see "/*" inside one.
	private static int endOfBlockComment(String sql, int start) {
		int depth = 0;
		int i = start;
		int length = sql.length();
		while (i < length - 1) {
			if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
				depth++;
				i += 2;
			}
			else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return length;
	}

	// End (exclusive) of a dollar-quote tag such as $$ or $body$, or -1.
	private static int dollarTagEnd(String sql, int start) {
		int i = start + 1;
		int length = sql.length();
		if (i < length && sql.charAt(i) == '$') {
			return i + 1;
		}
		if (i >= length || !(Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
			return -1;
		}
		while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
			i++;
		}
		return (i < length && sql.charAt(i) == '$') ? i + 1 : -1;
	}

	private static int endOfNumber(String sql, int start) {
		int i = start;
		int length = sql.length();
		if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
			i += 2;
			while (i < length && Character.digit(sql.charAt(i), 16) >= 0) {
				i++;
			}
			return i;
		}
		while (i < length && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
			i++;
		}
		if (i < length && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
			int exponent = i + 1;
			if (exponent < length && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
				exponent++;
			}
			if (exponent < length && Character.isDigit(sql.charAt(exponent))) {
				i = exponent;
				while (i < length && Character.isDigit(sql.charAt(i))) {
					i++;
				}
			}
		}
		return i;
	}

	static boolean isIdentifierStart(char c) {
		return Character.isLetter(c) || c == '_';
	}

	static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '#';
	}

}
