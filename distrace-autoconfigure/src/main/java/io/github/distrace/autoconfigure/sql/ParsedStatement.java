package io.github.distrace.autoconfigure.sql;

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
 * @param summary the low-cardinality {@code db.query.summary}, or {@code null} if the
 * statement names no operation
 * @author distrace
 */
public record ParsedStatement(String sanitized, @Nullable String operation, @Nullable String collection,
		@Nullable String procedure, @Nullable String summary) {

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
		SqlTokens tokens = new SqlTokens(sanitized);
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
		String summary = QuerySummary.of(sanitized);
		if (operation == null) {
			return new ParsedStatement(sanitized, null, null, null, summary);
		}
		if (summary == null) {
			summary = operation; // SHOW, SET, BEGIN and other statements without a table
		}
		if (operation.equals("CALL")) {
			return new ParsedStatement(sanitized, operation, null, tokens.next(), summary);
		}
		return new ParsedStatement(sanitized, operation, collection(operation, tokens), null, summary);
	}

	private static @Nullable String collection(String operation, SqlTokens tokens) {
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

}
