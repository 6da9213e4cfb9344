package io.github.distrace.autoconfigure.sql;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads words, quoted identifiers and single characters from sanitized SQL, keeping track
 * of how deep in parentheses it is.
 *
 * @author distrace
 */
final class SqlTokens {

	private final String sql;

	private int position;

	private int depth;

	SqlTokens(String sql) {
		this.sql = sql;
	}

	// How deep in parentheses the last token left the reader.
	int depth() {
		return this.depth;
	}

	@Nullable String next() {
		int length = this.sql.length();
		while (this.position < length && Character.isWhitespace(this.sql.charAt(this.position))) {
			this.position++;
		}
		if (this.position >= length) {
			return null;
		}
		int start = this.position;
		char c = this.sql.charAt(start);
		if (SqlSanitizer.isIdentifierStart(c)) {
			while (this.position < length && SqlSanitizer.isIdentifierPart(this.sql.charAt(this.position))) {
				this.position++;
			}
		}
		else if (c == '"' || c == '`' || c == '[') {
			char close = (c == '[') ? ']' : c;
			int end = this.sql.indexOf(close, start + 1);
			this.position = (end < 0) ? length : end + 1;
		}
		else {
			this.position++;
			this.depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
		}
		return this.sql.substring(start, this.position);
	}

	// Advance past the first word of the set outside parentheses; return it in upper
	// case.
	@Nullable String nextTopLevel(Set<String> words) {
		int startDepth = this.depth;
		for (String token = next(); token != null; token = next()) {
			String upper = token.toUpperCase(Locale.ROOT);
			if (this.depth == startDepth && words.contains(upper)) {
				return upper;
			}
		}
		return null;
	}

	boolean skip(String word) {
		int start = this.position;
		String token = next();
		if (token != null && token.equalsIgnoreCase(word)) {
			return true;
		}
		this.position = start;
		return false;
	}

	// A possibly qualified name such as schema.table or "Schema"."Table".
	@Nullable String name() {
		String token = next();
		return (token != null && isName(token)) ? qualifiedName(token) : null;
	}

	// The name that starts with the token just read, with the parts that follow it after
	// dots.
	String qualifiedName(String first) {
		if (this.position >= this.sql.length() || this.sql.charAt(this.position) != '.') {
			return first;
		}
		StringBuilder name = new StringBuilder(first);
		while (this.position < this.sql.length() && this.sql.charAt(this.position) == '.') {
			this.position++;
			String part = next();
			if (part == null || !isName(part)) {
				break;
			}
			name.append('.').append(part);
		}
		return name.toString();
	}

	// The next character that is not white space, without reading it; 0 at the end.
	char peek() {
		int i = this.position;
		while (i < this.sql.length() && Character.isWhitespace(this.sql.charAt(i))) {
			i++;
		}
		return (i < this.sql.length()) ? this.sql.charAt(i) : 0;
	}

	static boolean isName(String token) {
		char c = token.charAt(0);
		return SqlSanitizer.isIdentifierStart(c) || c == '"' || c == '`' || c == '[';
	}

}
