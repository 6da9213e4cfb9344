package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.github.distrace.autoconfigure.sql.TracedBeans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps every {@link DataSource} bean so that its connections and statements are traced.
 * The wrapper is a subclass proxy of the bean's own class, so that an application that
 * injects or casts to {@code HikariDataSource} keeps working and Spring Boot's health
 * indicator and pool metrics still find the pool. A data source whose class cannot be
 * subclassed gets an interface proxy instead.
 *
 * @author distrace
 */
final class DataSourceTracingPostProcessor implements BeanPostProcessor, BeanClassLoaderAware {

	private static final Log logger = LogFactory.getLog(DataSourceTracingPostProcessor.class);

	// Resolved on first use: post-processors are created before the beans they need.
	private final Supplier<JdbcTracing> tracing;

	private @Nullable ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

	DataSourceTracingPostProcessor(ObjectProvider<Tracer> tracer, ObjectProvider<OpenTelemetry> openTelemetry,
			ObjectProvider<DistraceJdbcProperties> properties) {
		this.tracing = SingletonSupplier.of(() -> {
			OpenTelemetry sdk = openTelemetry.getObject();
			return new JdbcTracing(tracer.getObject(), sdk.getPropagators().getTextMapPropagator(),
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
		if (!(bean instanceof DataSource dataSource) || ScopedProxyUtils.isScopedTarget(beanName) || isTraced(bean)) {
			return bean;
		}
		DataSourceTracingInterceptor interceptor = new DataSourceTracingInterceptor(this.tracing, beanName,
				AopUtils.getTargetClass(bean), PoolCounts.of(dataSource, this.classLoader));
		// A subclass cannot intercept a final getConnection; only an interface proxy can.
		return TracedBeans.trace(bean, beanName, interceptor, !hasFinalGetConnection(dataSource.getClass()),
				this.classLoader, logger);
	}

	private static boolean hasFinalGetConnection(Class<?> type) {
		Method[] methods = { ClassUtils.getMethodIfAvailable(type, "getConnection"),
				ClassUtils.getMethodIfAvailable(type, "getConnection", String.class, String.class) };
		return Arrays.stream(methods).anyMatch((method) -> method != null && Modifier.isFinal(method.getModifiers()));
	}

	static boolean isTraced(Object bean) {
		return TracedBeans.isTraced(bean, DataSourceTracingInterceptor.class);
	}

}
