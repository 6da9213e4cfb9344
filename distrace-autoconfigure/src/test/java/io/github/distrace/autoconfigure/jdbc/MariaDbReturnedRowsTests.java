package io.github.distrace.autoconfigure.jdbc;

/**
 * Returned rows against MariaDB, database {@code test}, user {@code root}.
 */
@RequiresDatabase(name = "MariaDB", port = 3306)
class MariaDbReturnedRowsTests extends AbstractReturnedRowsTests {

	MariaDbReturnedRowsTests() {
		super("jdbc:mariadb://127.0.0.1:3306/test", "root");
	}

}
