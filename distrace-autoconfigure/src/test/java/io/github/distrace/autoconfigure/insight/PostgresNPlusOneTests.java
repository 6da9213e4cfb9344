package io.github.distrace.autoconfigure.insight;

import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;

/**
 * N+1 detection against PostgreSQL, database {@code test}, user {@code postgres}.
 */
@RequiresDatabase(name = "PostgreSQL", port = 5432)
class PostgresNPlusOneTests extends AbstractNPlusOneTests {

	PostgresNPlusOneTests() {
		super("jdbc:postgresql://127.0.0.1:5432/test", "postgres");
	}

}
