package io.github.distrace.autoconfigure.sdk.internal;

import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;

/**
 * SQL error values against MariaDB, database {@code test}, user {@code root}.
 */
@RequiresDatabase(name = "MariaDB", port = 3306)
class MariaDbSqlErrorExposureTests extends AbstractSqlErrorExposureTests {

	MariaDbSqlErrorExposureTests() {
		super("jdbc:mariadb://127.0.0.1:3306/test", "root", "java.sql.SQLIntegrityConstraintViolationException");
	}

}
