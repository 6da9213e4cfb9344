package io.github.distrace.autoconfigure.jdbc;

/**
 * Returned rows against PostgreSQL, database {@code test}, user {@code postgres}.
 */
@RequiresDatabase(name = "PostgreSQL", port = 5432)
class PostgresReturnedRowsTests extends AbstractReturnedRowsTests {

	PostgresReturnedRowsTests() {
		super("jdbc:postgresql://127.0.0.1:5432/test", "postgres");
	}

}
