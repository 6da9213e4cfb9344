package io.github.distrace.autoconfigure.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;

/**
 * HikariCP's counts, read from its {@link HikariPoolMXBean}, under the names of the
 * OpenTelemetry connection pool metrics they correspond to
 * ({@code db.client.connection.count} per state,
 * {@code db.client.connection.pending_requests}, {@code db.client.connection.max}).
 *
 * @author distrace
 */
final class HikariPoolCounts implements PoolCounts {

	static final AttributeKey<Long> USED = AttributeKey.longKey("db.client.connection.count.used");

	static final AttributeKey<Long> IDLE = AttributeKey.longKey("db.client.connection.count.idle");

	static final AttributeKey<Long> PENDING = AttributeKey.longKey("db.client.connection.pending_requests");

	static final AttributeKey<Long> MAX = AttributeKey.longKey("db.client.connection.max");

	private final HikariDataSource dataSource;

	private HikariPoolCounts(HikariDataSource dataSource) {
		this.dataSource = dataSource;
	}

	static @Nullable PoolCounts of(DataSource dataSource) {
		return (dataSource instanceof HikariDataSource hikari) ? new HikariPoolCounts(hikari) : null;
	}

	@Override
	public void addTo(Span span) {
		// Null until the pool has started, which a failed first acquisition may leave it.
		HikariPoolMXBean pool = this.dataSource.getHikariPoolMXBean();
		if (pool != null) {
			span.setAttribute(USED, pool.getActiveConnections());
			span.setAttribute(IDLE, pool.getIdleConnections());
			span.setAttribute(PENDING, pool.getThreadsAwaitingConnection());
		}
		span.setAttribute(MAX, this.dataSource.getMaximumPoolSize());
	}

}
