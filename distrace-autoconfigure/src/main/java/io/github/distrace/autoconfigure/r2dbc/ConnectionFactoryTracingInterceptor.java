package io.github.distrace.autoconfigure.r2dbc;

import java.util.function.Supplier;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.callback.ProxyConfig;
import io.r2dbc.spi.ConnectionFactory;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

/**
 * Hands out the connections of a connection factory bean through R2DBC Proxy, whose
 * callbacks make the query spans; every other method reaches the bean itself.
 *
 * @author distrace
 */
final class ConnectionFactoryTracingInterceptor implements MethodInterceptor {

	private final Supplier<ConnectionFactory> traced;

	ConnectionFactoryTracingInterceptor(ConnectionFactory target, Supplier<R2dbcTracing> tracing) {
		this.traced = SingletonSupplier.of(() -> {
			R2dbcTracing shared = tracing.get();
			ProxyConfig config = ProxyConfig.builder()
				.listener(new QuerySpanListener(shared, R2dbcDatabases.of(target)))
				.bindParameterConverter(shared.sqlComments())
				.build();
			return ProxyConnectionFactory.builder(target, config).build();
		});
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (invocation.getMethod().getName().equals("create") && invocation.getArguments().length == 0) {
			return this.traced.get().create();
		}
		return invocation.proceed();
	}

}
