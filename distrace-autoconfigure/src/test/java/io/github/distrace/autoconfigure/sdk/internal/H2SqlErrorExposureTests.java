package io.github.distrace.autoconfigure.sdk.internal;

/**
 * SQL error values against an in-memory H2 database.
 */
class H2SqlErrorExposureTests extends AbstractSqlErrorExposureTests {

	H2SqlErrorExposureTests() {
		super("jdbc:h2:mem:distrace_sql_errors;DB_CLOSE_DELAY=-1", "sa",
				"org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException");
	}

}
