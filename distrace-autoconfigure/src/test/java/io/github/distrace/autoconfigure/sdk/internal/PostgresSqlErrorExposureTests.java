package io.github.distrace.autoconfigure.sdk.internal;

import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;

/**
 * SQL error values against PostgreSQL, database {@code test}, user {@code postgres}.
 */
@RequiresDatabase(name = "PostgreSQL", port = 5432)
class PostgresSqlErrorExposureTests extends AbstractSqlErrorExposureTests {

	PostgresSqlErrorExposureTests() {
		super("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "org.postgresql.util.PSQLException");
	}

}
