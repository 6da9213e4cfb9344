package io.github.distrace.autoconfigure.jdbc;

import java.util.Map;

/**
 * Query spans against PostgreSQL, database {@code test}, user {@code postgres}. The
 * function is dollar-quoted, so that such a statement runs through the sanitizer for
 * real.
 */
@RequiresDatabase(name = "PostgreSQL", port = 5432)
class PostgresJdbcTracingTests extends AbstractJdbcTracingTests {

	PostgresJdbcTracingTests() {
		super("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
				Map.of("db.system.name", "postgresql", "db.namespace", "test", "server.address", "127.0.0.1",
						"server.port", 5432L),
				"CREATE FUNCTION %s(i INT) RETURNS INT AS $body$ SELECT abs(i) $body$ LANGUAGE SQL",
				"DROP FUNCTION %s(INT)", "SELECT current_query()");
	}

}
