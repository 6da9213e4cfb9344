package io.github.distrace.autoconfigure.sql;

/**
 * Benchmark fixture: the query spans' statement cache (parsing, sanitizing and
 * summarizing a statement text), for {@code SqlSanitizingBenchmark} in the
 * {@code benchmarks} module, which measures it alone. It lives in the test sources and is
 * published only in this module's {@code benchmark-fixtures} jar, never in distrace's own
 * jar; it compiles in every build, so a change to the cache that would break the
 * benchmark fails here first.
 *
 * @author distrace
 */
public final class StatementParsingFixture {

	/**
	 * Number of statement texts the cache keeps.
	 */
	public static final int CACHE_SIZE = StatementCache.MAX_ENTRIES;

	private final StatementCache cache = new StatementCache(false);

	/**
	 * Parse a statement as a query span does: a cache hit when the text was seen before.
	 * @param sql the statement text
	 * @return the parsed statement, for the benchmark to consume
	 */
	public Object parse(String sql) {
		return this.cache.get(sql);
	}

}
