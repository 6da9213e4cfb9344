package io.github.distrace.autoconfigure.r2dbc;

import java.util.function.Supplier;

import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties;
import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.github.distrace.autoconfigure.sql.TracedBeans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps every R2DBC {@link ConnectionFactory} bean so that its statements are traced. As
 * for a {@code DataSource}, the wrapper is a subclass proxy of the bean's own class where
 * it can be one, so that an application that injects a {@code ConnectionPool} (to dispose
 * of it, or to read its metrics) keeps working; the drivers' own factories are final
 * classes, traced through their interfaces.
 *
 * @author distrace
 */
final class ConnectionFactoryTracingPostProcessor implements BeanPostProcessor, BeanClassLoaderAware {

	private static final Log logger = LogFactory.getLog(ConnectionFactoryTracingPostProcessor.class);

	// Resolved on first use: post-processors are created before the beans they need.
	private final Supplier<R2dbcTracing> tracing;

	private @Nullable ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

	ConnectionFactoryTracingPostProcessor(ObjectProvider<Tracer> tracer, ObjectProvider<OpenTelemetry> openTelemetry,
			ObjectProvider<DistraceJdbcProperties> properties) {
		this.tracing = SingletonSupplier.of(() -> {
			OpenTelemetry sdk = openTelemetry.getObject();
			return new R2dbcTracing(tracer.getObject(), sdk.getPropagators().getTextMapPropagator(),
					properties.getObject(), UnsampledParents.areFollowed(sdk),
					TracedBeans.maxAttributeValueLength(sdk));
		});
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof ConnectionFactory connectionFactory) || ScopedProxyUtils.isScopedTarget(beanName)
				|| isTraced(bean)) {
			return bean;
		}
		ConnectionFactoryTracingInterceptor interceptor = new ConnectionFactoryTracingInterceptor(connectionFactory,
				this.tracing);
		return TracedBeans.trace(bean, beanName, interceptor, true, this.classLoader, logger);
	}

	static boolean isTraced(Object bean) {
		return TracedBeans.isTraced(bean, ConnectionFactoryTracingInterceptor.class);
	}

}
