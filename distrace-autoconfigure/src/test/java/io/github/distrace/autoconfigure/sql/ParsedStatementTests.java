package io.github.distrace.autoconfigure.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedStatementTests {

	@Test
	void stringsBecomePlaceholders() {
		assertThat(sanitize("SELECT * FROM orders WHERE name = 'O''Brien' AND note = 'a'"))
			.isEqualTo("SELECT * FROM orders WHERE name = ? AND note = ?");
	}

	@Test
	void backslashEscapesEndNoStringEarlyWithMysqlQuoting() {
		assertThat(ParsedStatement.parse("SELECT * FROM t WHERE a = 'it\\'s secret' AND b = 1", true).sanitized())
			.isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
	}

	@Test
	void backslashIsPlainInStandardStrings() {
		assertThat(sanitize("SELECT * FROM t WHERE a = 'C:\\' AND b = 'secret'"))
			.isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
	}

	@Test
	void postgresEscapeStringsTakeBackslashEscapes() {
		assertThat(sanitize("SELECT E'it\\'s secret', 'x' FROM t")).isEqualTo("SELECT E?, ? FROM t");
	}

	@Test
	void numbersBecomePlaceholdersButNotInsideNames() {
		assertThat(sanitize("SELECT col_1, t2.x FROM t2 WHERE a = 42 AND b = -3.5e10 AND c = 0xFF AND d = .5"))
			.isEqualTo("SELECT col_1, t2.x FROM t2 WHERE a = ? AND b = -? AND c = ? AND d = ?");
	}

	@Test
	void inListsCollapse() {
		assertThat(sanitize("SELECT * FROM t WHERE id IN (1, 2, 3) AND s in ('a','b') AND x IN (?, ?)"))
			.isEqualTo("SELECT * FROM t WHERE id IN (?) AND s in (?) AND x IN (?)");
	}

	@Test
	void commentsAreRemoved() {
		assertThat(sanitize("SELECT 1 /* user=alice */ FROM t -- secret\nWHERE a = 1"))
			.isEqualTo("SELECT ?   FROM t  \nWHERE a = ?");
	}

	@Test
	void hashCommentsAreRemovedWithMysqlQuoting() {
		assertThat(ParsedStatement.parse("SELECT 1 # secret\nFROM t", true).sanitized())
			.isEqualTo("SELECT ?  \nFROM t");
	}

	@Test
	void nestedBlockCommentsAreRemoved() {
		assertThat(sanitize("SELECT /* a /* b */ secret */ 1")).isEqualTo("SELECT   ?");
	}

	@Test
	void dollarQuotedStringsBecomePlaceholders() {
		assertThat(sanitize("SELECT $$it's $secret$$, $tag$ a $$ b $tag$, $1 FROM t"))
			.isEqualTo("SELECT ?, ?, $1 FROM t");
	}

	@Test
	void doubleQuotesAreIdentifiersExceptWithMysqlQuoting() {
		assertThat(sanitize("SELECT \"Name\" FROM \"Orders\"")).isEqualTo("SELECT \"Name\" FROM \"Orders\"");
		assertThat(ParsedStatement.parse("SELECT * FROM `orders` WHERE a = \"secret\"", true).sanitized())
			.isEqualTo("SELECT * FROM `orders` WHERE a = ?");
	}

	@Test
	void unterminatedLiteralsHideTheRest() {
		assertThat(sanitize("SELECT * FROM t WHERE a = 'secret")).isEqualTo("SELECT * FROM t WHERE a = ?");
		assertThat(sanitize("SELECT $x$ secret")).isEqualTo("SELECT ?");
		assertThat(sanitize("SELECT 1 /* secret")).isEqualTo("SELECT ?");
	}

	@Test
	void selectNamesTheFirstTableOutsideSubqueries() {
		assertParsed("SELECT (SELECT max(x) FROM other) FROM orders o JOIN lines l ON o.id = l.order_id", "SELECT",
				"orders");
		assertParsed("select * from public.orders where id = ?", "SELECT", "public.orders");
		assertParsed("SELECT * FROM (SELECT 1) x", "SELECT", null);
		assertParsed("SELECT 1", "SELECT", null);
	}

	@Test
	void writesNameTheirTable() {
		assertParsed("INSERT INTO orders (id) VALUES (?)", "INSERT", "orders");
		assertParsed("UPDATE \"Orders\" SET a = 1", "UPDATE", "\"Orders\"");
		assertParsed("DELETE FROM orders WHERE id = 1", "DELETE", "orders");
		assertParsed("MERGE INTO orders USING x ON (1 = 1)", "MERGE", "orders");
	}

	@Test
	void schemaStatementsNameTheirTable() {
		assertParsed("CREATE TABLE IF NOT EXISTS orders (id INT)", "CREATE", "orders");
		assertParsed("DROP TABLE IF EXISTS orders", "DROP", "orders");
		assertParsed("ALTER TABLE orders ADD x INT", "ALTER", "orders");
		assertParsed("TRUNCATE orders", "TRUNCATE", "orders");
		assertParsed("CREATE INDEX i ON orders (id)", "CREATE", null);
	}

	@Test
	void withFindsTheMainOperation() {
		assertParsed("WITH recent AS (SELECT * FROM a) SELECT * FROM recent", "SELECT", "recent");
	}

	@Test
	void callNamesTheProcedure() {
		ParsedStatement parsed = ParsedStatement.parse("{? = call add_one(?)}", false);
		assertThat(parsed.operation()).isEqualTo("CALL");
		assertThat(parsed.procedure()).isEqualTo("add_one");
		assertThat(ParsedStatement.parse("CALL reset_orders()", false).procedure()).isEqualTo("reset_orders");
	}

	@Test
	void unknownStatementsHaveNoOperation() {
		assertParsed("(SELECT 1)", null, null);
		assertParsed("", null, null);
	}

	@Test
	void cacheParsesAStatementOnceAndStaysBounded() {
		StatementCache cache = new StatementCache(false);
		ParsedStatement first = cache.get("SELECT * FROM orders WHERE id = 1");
		assertThat(cache.get("SELECT * FROM orders WHERE id = 1")).isSameAs(first);
		for (int i = 0; i < StatementCache.MAX_ENTRIES * 2; i++) {
			cache.get("SELECT " + i);
		}
		assertThat(cache.size()).isLessThanOrEqualTo(StatementCache.MAX_ENTRIES);
		String huge = "SELECT 'x' FROM t WHERE a IN (" + "1,".repeat(StatementCache.MAX_CACHED_LENGTH) + "1)";
		assertThat(cache.get(huge).sanitized()).isEqualTo("SELECT ? FROM t WHERE a IN (?)");
		assertThat(cache.get(huge)).isNotSameAs(cache.get(huge));
	}

	private static String sanitize(String sql) {
		return ParsedStatement.parse(sql, false).sanitized();
	}

	private static void assertParsed(String sql, String operation, String collection) {
		ParsedStatement parsed = ParsedStatement.parse(sql, false);
		assertThat(parsed.operation()).as("operation of %s", sql).isEqualTo(operation);
		assertThat(parsed.collection()).as("collection of %s", sql).isEqualTo(collection);
	}

}
