package io.github.distrace.autoconfigure.jdbc;

import java.util.Map;

/**
 * Query spans against MariaDB, database {@code test}, user {@code root}.
 */
@RequiresDatabase(name = "MariaDB", port = 3306)
class MariaDbJdbcTracingTests extends AbstractJdbcTracingTests {

	MariaDbJdbcTracingTests() {
		super("jdbc:mariadb://127.0.0.1:3306/test", "root",
				Map.of("db.system.name", "mariadb", "db.namespace", "test", "server.address", "127.0.0.1",
						"server.port", 3306L),
				"CREATE FUNCTION %s(i INT) RETURNS INT DETERMINISTIC RETURN ABS(i)", "DROP FUNCTION %s",
				"SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()");
	}

}
