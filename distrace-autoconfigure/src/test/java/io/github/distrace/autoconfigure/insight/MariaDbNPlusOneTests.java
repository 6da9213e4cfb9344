package io.github.distrace.autoconfigure.insight;

import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;

/**
 * N+1 detection against MariaDB, database {@code test}, user {@code root}.
 */
@RequiresDatabase(name = "MariaDB", port = 3306)
class MariaDbNPlusOneTests extends AbstractNPlusOneTests {

	MariaDbNPlusOneTests() {
		super("jdbc:mariadb://127.0.0.1:3306/test", "root");
	}

}
