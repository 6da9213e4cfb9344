package io.github.distrace.autoconfigure.jdbc;

import java.util.Map;

/**
 * Query spans against an in-memory H2 database.
 */
class H2JdbcTracingTests extends AbstractJdbcTracingTests {

	H2JdbcTracingTests() {
		super("jdbc:h2:mem:distrace_jdbc;DB_CLOSE_DELAY=-1", "sa",
				Map.of("db.system.name", "h2database", "db.namespace", "distrace_jdbc"),
				"CREATE ALIAS %s FOR 'java.lang.Math.abs(int)'", "DROP ALIAS %s",
				"SELECT EXECUTING_STATEMENT FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()");
	}

}
