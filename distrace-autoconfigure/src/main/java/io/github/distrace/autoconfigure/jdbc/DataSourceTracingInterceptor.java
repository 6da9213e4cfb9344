package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Advice on a {@code DataSource} bean: every connection it hands out is traced, and a
 * long wait for one is recorded. Nothing else about the data source changes.
 *
 * @author distrace
 */
final class DataSourceTracingInterceptor implements MethodInterceptor {

	private static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");

	private final Supplier<JdbcTracing> tracing;

	private final String connectionSpanName;

	private final Attributes connectionAttributes;

	private final Attributes poolWaitAttributes;

	private final @Nullable PoolCounts poolCounts;

	DataSourceTracingInterceptor(Supplier<JdbcTracing> tracing, String beanName, Class<?> dataSourceType,
			@Nullable PoolCounts poolCounts) {
		this.tracing = tracing;
		this.connectionSpanName = dataSourceType.getSimpleName() + ".getConnection";
		this.connectionAttributes = Attributes.of(POOL_NAME, beanName);
		this.poolWaitAttributes = Attributes.of(POOL_NAME, beanName, JdbcTracing.POOL_WAIT, true);
		this.poolCounts = poolCounts;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (!method.getName().equals("getConnection") || method.getReturnType() != Connection.class) {
			return invocation.proceed();
		}
		JdbcTracing tracing = this.tracing.get();
		Object connection = tracing.properties().isConnectionSpans() ? spannedGetConnection(invocation, tracing)
				: timedGetConnection(invocation, tracing);
		return (connection != null) ? TracedConnection.wrap((Connection) connection, tracing) : null;
	}

	/**
	 * Take a connection, and record the wait as a span if it lasted at least the
	 * threshold or failed. The span is made afterwards, with the time the wait began, so
	 * that a fast acquisition costs two clock reads.
	 */
	private @Nullable Object timedGetConnection(MethodInvocation invocation, JdbcTracing tracing) throws SQLException {
		Context parent = Context.current();
		if (!tracing.traces(parent)) {
			return getConnection(invocation);
		}
		long start = System.nanoTime();
		Object connection;
		try (Scope scope = tracing.acquiring(parent).makeCurrent()) {
			connection = getConnection(invocation);
		}
		catch (SQLException | RuntimeException | Error ex) {
			long waited = System.nanoTime() - start;
			tracing.poolWait(parent, this.connectionSpanName,
					(waited >= tracing.poolWaitThresholdNanos()) ? this.poolWaitAttributes : this.connectionAttributes,
					waited, this.poolCounts, ex);
			throw ex;
		}
		long waited = System.nanoTime() - start;
		if (waited >= tracing.poolWaitThresholdNanos()) {
			tracing.poolWait(parent, this.connectionSpanName, this.poolWaitAttributes, waited, this.poolCounts, null);
		}
		return connection;
	}

	/**
	 * Take a connection inside a connection span, and mark that span as a pool wait if
	 * the wait lasted at least the threshold.
	 */
	@SuppressWarnings("NullAway") // a @Nullable T: see TracedConnection.commit
	private @Nullable Object spannedGetConnection(MethodInvocation invocation, JdbcTracing tracing)
			throws SQLException {
		if (!tracing.traces(Context.current())) {
			return getConnection(invocation); // no span of ours to mark
		}
		return tracing.span(this.connectionSpanName, SpanKind.INTERNAL, this.connectionAttributes,
				() -> markedGetConnection(invocation, tracing));
	}

	// Runs with the connection span current.
	private @Nullable Object markedGetConnection(MethodInvocation invocation, JdbcTracing tracing) throws SQLException {
		long start = System.nanoTime();
		try {
			return getConnection(invocation);
		}
		finally {
			if (System.nanoTime() - start >= tracing.poolWaitThresholdNanos()) {
				tracing.markPoolWait(Span.current(), this.poolCounts);
			}
		}
	}

	private static @Nullable Object getConnection(MethodInvocation invocation) throws SQLException {
		try {
			return invocation.proceed();
		}
		catch (SQLException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// getConnection declares SQLException only; anything else is a broken data
			// source.
			throw new UndeclaredThrowableException(ex);
		}
	}

}
