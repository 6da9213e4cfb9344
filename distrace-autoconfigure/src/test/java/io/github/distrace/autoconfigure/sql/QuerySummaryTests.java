package io.github.distrace.autoconfigure.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuerySummaryTests {

	@Test
	void summarizesTheConventionsExamples() {
		assertThat(summary("SELECT * FROM wuser_table")).isEqualTo("SELECT wuser_table");
		assertThat(summary("INSERT INTO shipping_details (order_id, address) SELECT order_id, address FROM orders "
				+ "WHERE order_id = ?"))
			.isEqualTo("INSERT shipping_details SELECT orders");
		assertThat(summary("SELECT * FROM songs, artists WHERE songs.artist_id == artists.id"))
			.isEqualTo("SELECT songs artists");
		assertThat(summary("SELECT order_date FROM (SELECT * FROM orders o JOIN customers c "
				+ "ON o.customer_id == c.customer_id)"))
			.isEqualTo("SELECT SELECT orders customers");
	}

	@Test
	void namesEveryWriteAndItsTable() {
		assertThat(summary("insert into orders (id, note) values (?, ?)")).isEqualTo("INSERT orders");
		assertThat(summary("UPDATE \"Orders\" SET a = ? WHERE id = ?")).isEqualTo("UPDATE \"Orders\"");
		assertThat(summary("DELETE FROM public.orders WHERE id = ?")).isEqualTo("DELETE public.orders");
		assertThat(summary("MERGE INTO orders USING incoming ON (orders.id = incoming.id) "
				+ "WHEN MATCHED THEN UPDATE SET a = ?"))
			.isEqualTo("MERGE orders incoming");
		assertThat(summary("INSERT INTO t SELECT * FROM u")).isEqualTo("INSERT t SELECT u");
	}

	@Test
	void clauseWordsAreNoOperations() {
		assertThat(summary("SELECT * FROM orders WHERE id = ? FOR UPDATE")).isEqualTo("SELECT orders");
		assertThat(summary("INSERT INTO t (id) VALUES (?) ON DUPLICATE KEY UPDATE n = n + ?")).isEqualTo("INSERT t");
		assertThat(summary("INSERT INTO t (id) VALUES (?) ON CONFLICT (id) DO UPDATE SET n = ?")).isEqualTo("INSERT t");
		assertThat(summary("UPDATE t SET name = REPLACE(name, ?, ?)")).isEqualTo("UPDATE t");
		assertThat(summary("SELECT EXTRACT(YEAR FROM created) FROM orders")).isEqualTo("SELECT orders");
	}

	@Test
	void subqueriesAndUnionsAddTheirOperations() {
		assertThat(summary("SELECT * FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE vip = ?)"))
			.isEqualTo("SELECT orders SELECT customers");
		assertThat(summary("SELECT id FROM a UNION ALL SELECT id FROM b")).isEqualTo("SELECT a SELECT b");
		assertThat(summary("WITH recent AS (SELECT * FROM orders) SELECT * FROM recent r JOIN lines l ON r.id = l.oid"))
			.isEqualTo("SELECT orders SELECT recent lines");
	}

	@Test
	void schemaStatementsAndCallsNameTheirTarget() {
		assertThat(summary("CREATE TABLE IF NOT EXISTS orders (id INT)")).isEqualTo("CREATE orders");
		assertThat(summary("DROP TABLE IF EXISTS orders")).isEqualTo("DROP orders");
		assertThat(summary("TRUNCATE TABLE orders")).isEqualTo("TRUNCATE orders");
		assertThat(summary("{call add_one(?)}")).isEqualTo("CALL add_one");
		assertThat(summary("CALL reset_orders()")).isEqualTo("CALL reset_orders");
	}

	@Test
	void statementsWithoutATableAreSummarizedByTheirOperation() {
		assertThat(ParsedStatement.parse("SELECT 1", false).summary()).isEqualTo("SELECT");
		assertThat(ParsedStatement.parse("SHOW TABLES", false).summary()).isEqualTo("SHOW");
		assertThat(ParsedStatement.parse("", false).summary()).isNull();
	}

	@Test
	void longSummariesEndAfterTheLastWholePart() {
		StringBuilder sql = new StringBuilder("SELECT * FROM t0");
		for (int i = 1; i < 100; i++) {
			sql.append(" JOIN table_number_").append(i).append(" ON a = b");
		}
		String summary = summary(sql.toString());
		assertThat(summary).hasSizeLessThanOrEqualTo(QuerySummary.MAX_LENGTH).startsWith("SELECT t0 table_number_1 ");
		assertThat(summary).matches(".* table_number_\\d+");
	}

	@Test
	void batchesShareTheirStatementsSummary() {
		assertThat(QuerySummary.ofBatch("INSERT orders")).isEqualTo("BATCH INSERT orders");
		assertThat(QuerySummary.ofBatch(null)).isEqualTo("BATCH");
	}

	private static String summary(String sql) {
		return ParsedStatement.parse(sql, false).summary();
	}

}
