package io.github.distrace.autoconfigure.jdbc;

/**
 * Slow and failed statements against MariaDB, database {@code test}, user {@code root},
 * slow by {@code SLEEP()}.
 */
@RequiresDatabase(name = "MariaDB", port = 3306)
class MariaDbSlowQueryTests extends AbstractSlowQueryTests {

	MariaDbSlowQueryTests() {
		super("jdbc:mariadb://127.0.0.1:3306/test", "root",
				"SELECT status FROM %1$s WHERE id = ? AND SLEEP(%2$s / 1000) = 0");
	}

}
