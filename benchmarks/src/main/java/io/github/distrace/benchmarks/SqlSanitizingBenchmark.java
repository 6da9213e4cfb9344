package io.github.distrace.benchmarks;

import io.github.distrace.autoconfigure.sql.StatementParsingFixture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What a query span's statement text costs: parsing and sanitizing a statement of 100 B,
 * 1 KB and 10 KB seen for the first time (each call a statement the cache has not seen,
 * as with generated SQL), and the same statement seen again (a cache hit, what an
 * application's prepared statements cost).
 * <p>
 * The statement cache is internal; the benchmark reaches it through
 * {@link StatementParsingFixture}, a fixture in distrace-autoconfigure's test sources.
 *
 * @author distrace
 */
public class SqlSanitizingBenchmark extends Settings {

	private static final int FRESH_STATEMENTS = 2 * StatementParsingFixture.CACHE_SIZE;

	@Param({ "100", "1000", "10000" })
	public int size;

	private final StatementParsingFixture cache = new StatementParsingFixture();

	private String[] fresh;

	private String repeated;

	private int next;

	@Setup(Level.Trial)
	public void start() {
		this.fresh = new String[FRESH_STATEMENTS];
		for (int i = 0; i < this.fresh.length; i++) {
			this.fresh[i] = statement(this.size, i);
		}
		this.repeated = statement(this.size, -1);
		this.cache.parse(this.repeated);
	}

	// An insert of literal rows, cut to about the given length: strings, numbers, a
	// comment.
	static String statement(int length, int variant) {
		StringBuilder sql = new StringBuilder("INSERT INTO orders (id, customer, status, total) /* v").append(variant)
			.append(" */ VALUES ");
		for (int row = 0; sql.length() < length - 40; row++) {
			sql.append((row > 0) ? ", " : "")
				.append('(')
				.append(row)
				.append(", 'customer ")
				.append(row)
				.append("', 'PAID', ")
				.append(row * 1.25)
				.append(')');
		}
		return sql.toString();
	}

	@Benchmark
	public Object fresh() {
		String sql = this.fresh[this.next];
		this.next = (this.next + 1) % this.fresh.length;
		return this.cache.parse(sql);
	}

	@Benchmark
	public Object repeated() {
		return this.cache.parse(this.repeated);
	}

}
