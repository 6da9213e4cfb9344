package io.github.distrace.autoconfigure.jdbc;

/**
 * Returned rows against an in-memory H2 database.
 */
class H2ReturnedRowsTests extends AbstractReturnedRowsTests {

	H2ReturnedRowsTests() {
		super("jdbc:h2:mem:distrace_rows;DB_CLOSE_DELAY=-1", "sa");
	}

}
