package io.github.distrace.autoconfigure.jdbc;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a query span needs from a statement: its sanitized text, its operation (such as
 * {@code SELECT}) and the first table it names, or the procedure a {@code CALL} runs.
 *
 * @param sanitized the statement with its literals replaced by {@code ?}
 * @param operation the operation in upper case, or {@code null} if not recognised
 * @param collection the first table named, as written, or {@code null}
 * @param procedure the stored procedure called, or {@code null}
 * @author distrace
 */
record ParsedStatement(String sanitized, @Nullable String operation, @Nullable String collection,
		@Nullable String procedure) {

	private static final Set<String> MAIN_OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE");

	private static final Set<String> SCHEMA_OPERATIONS = Set.of("CREATE", "DROP", "ALTER", "TRUNCATE");

	/**
	 * Parse a statement.
	 * @param sql the statement as the application wrote it
	 * @param mysqlQuoting see {@link SqlSanitizer#sanitize(String, boolean)}
	 * @return the parsed statement
	 */
	static ParsedStatement parse(String sql, boolean mysqlQuoting) {
		String sanitized = SqlSanitizer.sanitize(sql, mysqlQuoting);
		Tokens tokens = new Tokens(sanitized);
		String first = tokens.next();
		if ("{".equals(first)) {
			// JDBC escape syntax: {call p(?)} or {? = call p(?)}
			first = tokens.next();
			if ("?".equals(first)) {
				tokens.next();
				first = tokens.next();
			}
		}
		String operation = (first != null && SqlSanitizer.isIdentifierStart(first.charAt(0)))
				? first.toUpperCase(Locale.ROOT) : null;
		if ("WITH".equals(operation)) {
			operation = tokens.nextTopLevel(MAIN_OPERATIONS);
		}
		if (operation == null) {
			return new ParsedStatement(sanitized, null, null, null);
		}
		if (operation.equals("CALL")) {
			return new ParsedStatement(sanitized, operation, null, tokens.next());
		}
		return new ParsedStatement(sanitized, operation, collection(operation, tokens), null);
	}

	private static @Nullable String collection(String operation, Tokens tokens) {
		switch (operation) {
			case "SELECT" -> {
				return (tokens.nextTopLevel(Set.of("FROM")) != null) ? tokens.name() : null;
			}
			case "INSERT", "REPLACE", "UPSERT", "MERGE" -> {
				tokens.skip("INTO");
				return tokens.name();
			}
			case "UPDATE" -> {
				tokens.skip("ONLY");
				return tokens.name();
			}
			case "DELETE" -> {
				tokens.skip("FROM");
				return tokens.name();
			}
			default -> {
				if (!SCHEMA_OPERATIONS.contains(operation)) {
					return null;
				}
				boolean table = tokens.skip("TABLE");
				if (!table && !operation.equals("TRUNCATE")) {
					return null;
				}
				tokens.skip("IF");
				tokens.skip("NOT");
				tokens.skip("EXISTS");
				return tokens.name();
			}
		}
	}

	/**
	 * Reads words, quoted identifiers and single characters from sanitized SQL.
	 */
	private static final class Tokens {

		private final String sql;

		private int position;

		private int depth;

		Tokens(String sql) {
			this.sql = sql;
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

		// Advance past the first word of the set outside parentheses; return it in upper case.
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
			if (token == null || !isName(token)) {
				return null;
			}
			StringBuilder name = new StringBuilder(token);
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

		private static boolean isName(String token) {
			char c = token.charAt(0);
			return SqlSanitizer.isIdentifierStart(c) || c == '"' || c == '`' || c == '[';
		}

	}

}
