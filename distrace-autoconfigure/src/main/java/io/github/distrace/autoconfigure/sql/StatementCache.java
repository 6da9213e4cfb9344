package io.github.distrace.autoconfigure.sql;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Parsed statements by their text, so that a statement seen before is not parsed again.
 * Bounded: when full, an arbitrary entry makes room; an application's working set of
 * statements is small and keeps coming back, so it stays in.
 *
 * @author distrace
 */
public final class StatementCache {

	public static final int MAX_ENTRIES = 1024;

	// Longer statements are generated (bulk inserts and the like) and rarely repeat.
	static final int MAX_CACHED_LENGTH = 16 * 1024;

	private final Map<String, Entry> statements = new ConcurrentHashMap<>();

	private final boolean mysqlQuoting;

	public StatementCache(boolean mysqlQuoting) {
		this.mysqlQuoting = mysqlQuoting;
	}

	public ParsedStatement get(String sql) {
		return entry(sql).parsed();
	}

	public Entry entry(String sql) {
		Entry entry = this.statements.get(sql);
		if (entry != null) {
			return entry;
		}
		entry = new Entry(ParsedStatement.parse(sql, this.mysqlQuoting));
		if (sql.length() <= MAX_CACHED_LENGTH) {
			makeRoom();
			this.statements.put(sql, entry);
		}
		return entry;
	}

	int size() {
		return this.statements.size();
	}

	private void makeRoom() {
		Iterator<String> keys = this.statements.keySet().iterator();
		while (this.statements.size() >= MAX_ENTRIES && keys.hasNext()) {
			keys.next();
			keys.remove();
		}
	}

	/**
	 * A parsed statement and what its last query span looked like, so that a statement
	 * run again on the same database reuses the span's name and attributes instead of
	 * building them for every execution.
	 */
	public static final class Entry {

		private final ParsedStatement parsed;

		private volatile @Nullable QuerySpan span;

		Entry(ParsedStatement parsed) {
			this.parsed = parsed;
		}

		public ParsedStatement parsed() {
			return this.parsed;
		}

		public @Nullable QuerySpan span(DatabaseInfo database) {
			QuerySpan span = this.span;
			return (span != null && span.isFor(database)) ? span : null;
		}

		public void remember(QuerySpan span) {
			this.span = span;
		}

	}

}
