package io.github.distrace.autoconfigure.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Builds a statement's {@code db.query.summary} as the database semantic conventions
 * describe it: the operations and the tables they act on, in the order the statement
 * names them, without values or columns ({@code SELECT orders},
 * {@code INSERT shipping_details SELECT orders}, {@code SELECT SELECT orders customers}).
 * Cut after the last whole part that fits in 255 characters. Built once per statement
 * text, with the parsed statement it is cached with.
 *
 * @author distrace
 */
final class QuerySummary {

	static final int MAX_LENGTH = 255;

	private static final Set<String> OPERATIONS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "CALL",
			"REPLACE", "UPSERT", "CREATE", "DROP", "ALTER", "TRUNCATE");

	// What an operation word follows when it starts a statement or a subquery; elsewhere
	// (FOR UPDATE, ON DELETE CASCADE, ON DUPLICATE KEY UPDATE) it belongs to a clause.
	private static final Set<String> STATEMENT_STARTS = Set.of("(", ")", ";", "{", "=", "UNION", "ALL", "DISTINCT",
			"INTERSECT", "EXCEPT", "MINUS", "AS");

	// Words after which a table is named, when they belong to the innermost operation.
	private static final Set<String> TARGET_MARKERS = Set.of("FROM", "JOIN", "INTO", "TABLE", "USING");

	// Words between a target marker and the table's name.
	private static final Set<String> TARGET_PREFIXES = Set.of("TABLE", "IF", "NOT", "EXISTS", "ONLY", "LATERAL");

	// Words that end a FROM list, after which a comma no longer separates tables.
	private static final Set<String> CLAUSES = Set.of("WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH",
			"WINDOW", "ON", "SET", "VALUES", "RETURNING", "FOR", "UNION", "INTERSECT", "EXCEPT");

	private final SqlTokens tokens;

	private final StringBuilder summary = new StringBuilder();

	// The parenthesis depth of each operation still open, innermost first.
	private final Deque<Integer> operationDepths = new ArrayDeque<>();

	private @Nullable String previous;

	private boolean targetExpected;

	private boolean targetJustNamed;

	private boolean inTableList;

	private boolean full;

	private QuerySummary(String sanitized) {
		this.tokens = new SqlTokens(sanitized);
	}

	/**
	 * Summarize a statement.
	 * @param sanitized the statement, its literals already replaced
	 * @return the summary, or {@code null} if the statement names no operation
	 */
	static @Nullable String of(String sanitized) {
		return new QuerySummary(sanitized).summarize();
	}

	/**
	 * The summary of a batch: {@code BATCH} before the statements' summary when they all
	 * share it, otherwise {@code BATCH} alone.
	 * @param summary the statements' common summary, or {@code null}
	 * @return the batch's summary
	 */
	static String ofBatch(@Nullable String summary) {
		return (summary != null && summary.length() + 6 <= MAX_LENGTH) ? "BATCH " + summary : "BATCH";
	}

	private @Nullable String summarize() {
		for (String token = this.tokens.next(); token != null && !this.full; token = this.tokens.next()) {
			accept(token);
		}
		return (this.summary.length() > 0) ? this.summary.toString() : null;
	}

	private void accept(String token) {
		int depth = this.tokens.depth();
		while (!this.operationDepths.isEmpty() && this.operationDepths.peek() > depth) {
			this.operationDepths.pop();
		}
		String word = SqlSanitizer.isIdentifierStart(token.charAt(0)) ? token.toUpperCase(Locale.ROOT) : token;
		boolean named = false;
		if (OPERATIONS.contains(word) && startsStatement(word)) {
			operation(word, depth);
		}
		else if (this.targetExpected && !TARGET_PREFIXES.contains(word)) {
			this.targetExpected = false;
			if (SqlTokens.isName(token)) {
				append(this.tokens.qualifiedName(token));
				named = true;
			}
		}
		else if (!this.operationDepths.isEmpty() && this.operationDepths.peek() == depth) {
			clause(word);
		}
		this.targetJustNamed = named;
		this.previous = word;
	}

	private boolean startsStatement(String word) {
		if (this.tokens.peek() == '(' && !word.equals("SELECT")) {
			return false; // a function such as REPLACE(...)
		}
		// INSERT INTO t SELECT ...: the table just named is followed by the query feeding
		// it.
		return this.previous == null || STATEMENT_STARTS.contains(this.previous)
				|| (this.targetJustNamed && word.equals("SELECT"));
	}

	private void operation(String word, int depth) {
		append(word);
		this.operationDepths.push(depth);
		this.inTableList = false;
		// These name their table or procedure right after the operation word.
		this.targetExpected = word.equals("UPDATE") || word.equals("CALL") || word.equals("TRUNCATE");
	}

	private void clause(String word) {
		if (TARGET_MARKERS.contains(word)) {
			this.targetExpected = true;
			this.inTableList = word.equals("FROM") || word.equals("USING") || word.equals("JOIN")
					|| (this.inTableList && !word.equals("INTO"));
		}
		else if (word.equals(",") && this.inTableList) {
			this.targetExpected = true;
		}
		else if (CLAUSES.contains(word)) {
			this.inTableList = false;
		}
	}

	private void append(String part) {
		int length = this.summary.length();
		if (length + ((length > 0) ? 1 : 0) + part.length() > MAX_LENGTH) {
			this.full = true;
			return;
		}
		if (length > 0) {
			this.summary.append(' ');
		}
		this.summary.append(part);
	}

}
