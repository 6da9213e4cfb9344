package io.github.distrace.autoconfigure.r2dbc;

import java.util.function.Supplier;

import io.r2dbc.spi.ConnectionFactory;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.function.SingletonSupplier;

/**
 * Hands out the connections of a connection factory bean wrapped, so that their
 * statements are traced; every other method reaches the bean itself.
 *
 * @author distrace
 */
final class ConnectionFactoryTracingInterceptor implements MethodInterceptor {

	private final ConnectionFactory target;

	private final Supplier<R2dbcQueries> queries;

	ConnectionFactoryTracingInterceptor(ConnectionFactory target, Supplier<R2dbcTracing> tracing) {
		this.target = target;
		this.queries = SingletonSupplier.of(() -> new R2dbcQueries(tracing.get(), R2dbcDatabases.of(target)));
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (invocation.getMethod().getName().equals("create") && invocation.getArguments().length == 0) {
			R2dbcQueries queries = this.queries.get();
			return Mono.from(this.target.create()).map((connection) -> new TracedConnection(connection, queries));
		}
		return invocation.proceed();
	}

}
