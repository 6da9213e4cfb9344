package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Advice on a {@code DataSource} bean: every connection it hands out is traced. Nothing
 * else about the data source changes.
 *
 * @author distrace
 */
final class DataSourceTracingInterceptor implements MethodInterceptor {

	private static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");

	private final Supplier<JdbcTracing> tracing;

	private final String connectionSpanName;

	private final Attributes connectionAttributes;

	DataSourceTracingInterceptor(Supplier<JdbcTracing> tracing, String beanName, Class<?> dataSourceType) {
		this.tracing = tracing;
		this.connectionSpanName = dataSourceType.getSimpleName() + ".getConnection";
		this.connectionAttributes = Attributes.of(POOL_NAME, beanName);
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		if (!method.getName().equals("getConnection") || method.getReturnType() != Connection.class) {
			return invocation.proceed();
		}
		JdbcTracing tracing = this.tracing.get();
		Object connection = tracing.properties().isConnectionSpans()
				? tracing.span(this.connectionSpanName, SpanKind.INTERNAL, this.connectionAttributes,
						() -> getConnection(invocation))
				: invocation.proceed();
		return (connection != null) ? TracedConnection.wrap((Connection) connection, tracing) : null;
	}

	private static @Nullable Object getConnection(MethodInvocation invocation) throws SQLException {
		try {
			return invocation.proceed();
		}
		catch (SQLException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// getConnection declares SQLException only; anything else is a broken data source.
			throw new UndeclaredThrowableException(ex);
		}
	}

}
