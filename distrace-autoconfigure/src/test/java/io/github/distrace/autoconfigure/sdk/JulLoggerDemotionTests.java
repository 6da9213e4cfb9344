package io.github.distrace.autoconfigure.sdk;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link JulLoggerDemotion} does to a logger's records, with and without a message
 * prefix.
 */
class JulLoggerDemotionTests {

	@Test
	void demotesEveryRecordAndFoldsItsStackTraceIncludingOneWithoutMessage() {
		String name = JulLoggerDemotionTests.class.getName() + ".all";
		new JulLoggerDemotion(Level.WARNING, " ", name).install();
		LogRecord record = record(Level.SEVERE, null);
		record.setThrown(new IOException("refused"));
		assertThat(Logger.getLogger(name).getFilter().isLoggable(record)).isTrue();
		assertThat(record.getLevel()).isEqualTo(Level.WARNING);
		assertThat(record.getThrown()).isNull();
		assertThat(record.getMessage()).isEqualTo("null java.io.IOException: refused");
	}

	@Test
	void withAPrefixDemotesOnlyTheRecordsWhoseMessageStartsWithIt() {
		String name = JulLoggerDemotionTests.class.getName() + ".prefix";
		new JulLoggerDemotion(Level.FINE, ": ", name).onlyMessagesStartingWith("dropped").install();
		LogRecord dropped = record(Level.WARNING, "dropped 3 spans");
		LogRecord other = record(Level.WARNING, "exporter threw");
		LogRecord empty = record(Level.WARNING, null);
		for (LogRecord record : new LogRecord[] { dropped, other, empty }) {
			assertThat(Logger.getLogger(name).getFilter().isLoggable(record)).isTrue();
		}
		assertThat(dropped.getLevel()).isEqualTo(Level.FINE);
		assertThat(other.getLevel()).isEqualTo(Level.WARNING);
		assertThat(empty.getLevel()).isEqualTo(Level.WARNING);
	}

	private static LogRecord record(Level level, String message) {
		return new LogRecord(level, message);
	}

}
