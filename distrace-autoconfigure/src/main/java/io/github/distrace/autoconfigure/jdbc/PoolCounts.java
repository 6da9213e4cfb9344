package io.github.distrace.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * What a connection pool tells about its connections, added to a pool-wait span. Read
 * only once a wait turned out long enough for a span, never on a fast acquisition.
 *
 * @author distrace
 */
@FunctionalInterface
interface PoolCounts {

	/**
	 * Add the pool's counts, as they are now, to a span.
	 * @param span the pool-wait span
	 */
	void addTo(Span span);

	/**
	 * Return the counts of a data source's pool.
	 * @param dataSource the data source
	 * @param classLoader where to look for the pool's classes
	 * @return its counts, or {@code null} if it is not a pool that distrace can read
	 */
	static @Nullable PoolCounts of(DataSource dataSource, @Nullable ClassLoader classLoader) {
		// HikariCP is optional: its classes are touched only where it is present.
		if (ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", classLoader)) {
			return HikariPoolCounts.of(dataSource);
		}
		return null;
	}

}
