package io.github.distrace.autoconfigure.insight;

/**
 * N+1 detection against an in-memory H2 database.
 */
class H2NPlusOneTests extends AbstractNPlusOneTests {

	H2NPlusOneTests() {
		super("jdbc:h2:mem:distrace_n_plus_one;DB_CLOSE_DELAY=-1", "sa");
	}

}
