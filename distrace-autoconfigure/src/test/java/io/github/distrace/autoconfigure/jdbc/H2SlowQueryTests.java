package io.github.distrace.autoconfigure.jdbc;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Slow and failed statements against an in-memory H2 database, slow by a function of this
 * class's that sleeps (public, for H2 to call it).
 */
public class H2SlowQueryTests extends AbstractSlowQueryTests {

	H2SlowQueryTests() {
		super("jdbc:h2:mem:distrace_slow;DB_CLOSE_DELAY=-1", "sa",
				"SELECT status FROM %1$s WHERE id = ? AND DISTRACE_SLEEP(%2$s)");
	}

	@Override
	void createSleepFunction(JdbcTemplate jdbc) {
		jdbc.execute("CREATE ALIAS IF NOT EXISTS DISTRACE_SLEEP FOR '" + H2SlowQueryTests.class.getName() + ".sleep'");
	}

	/**
	 * Sleep, as a slow query does.
	 * @param millis how long
	 * @return {@code true}
	 * @throws InterruptedException if interrupted
	 */
	public static boolean sleep(int millis) throws InterruptedException {
		Thread.sleep(millis);
		return true;
	}

}
