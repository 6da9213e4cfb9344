package io.github.distrace.autoconfigure.jdbc;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed statements by their text, so that a statement seen before is not parsed again.
 * Bounded: when full, an arbitrary entry makes room; an application's working set of
 * statements is small and keeps coming back, so it stays in.
 *
 * @author distrace
 */
final class StatementCache {

	static final int MAX_ENTRIES = 1024;

	// Longer statements are generated (bulk inserts and the like) and rarely repeat.
	static final int MAX_CACHED_LENGTH = 16 * 1024;

	private final Map<String, ParsedStatement> statements = new ConcurrentHashMap<>();

	private final boolean mysqlQuoting;

	StatementCache(boolean mysqlQuoting) {
		this.mysqlQuoting = mysqlQuoting;
	}

	ParsedStatement get(String sql) {
		ParsedStatement parsed = this.statements.get(sql);
		if (parsed != null) {
			return parsed;
		}
		parsed = ParsedStatement.parse(sql, this.mysqlQuoting);
		if (sql.length() <= MAX_CACHED_LENGTH) {
			makeRoom();
			this.statements.put(sql, parsed);
		}
		return parsed;
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

}
