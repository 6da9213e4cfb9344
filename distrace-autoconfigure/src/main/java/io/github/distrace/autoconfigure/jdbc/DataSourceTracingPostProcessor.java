package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps every {@link DataSource} bean so that its connections and statements are
 * traced. The wrapper is a subclass proxy of the bean's own class, so that an application
 * that injects or casts to {@code HikariDataSource} keeps working and Spring Boot's health
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
					properties.getObject(), UnsampledParents.areFollowed(sdk), maxAttributeValueLength(sdk));
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
		if (bean instanceof Advised advised && AopUtils.isAopProxy(bean) && !advised.isFrozen()) {
			advised.addAdvice(0, interceptor);
			return bean;
		}
		return proxy(dataSource, beanName, interceptor);
	}

	private Object proxy(DataSource dataSource, String beanName, DataSourceTracingInterceptor interceptor) {
		ProxyFactory factory = new ProxyFactory(dataSource);
		factory.addAdvice(interceptor);
		// A subclass cannot intercept a final getConnection; only an interface proxy can.
		factory.setProxyTargetClass(!hasFinalGetConnection(dataSource.getClass()));
		try {
			return factory.getProxy(this.classLoader);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("DataSource bean '" + beanName + "' of " + dataSource.getClass()
					+ " cannot be subclassed; tracing it through its interfaces", ex);
			factory.setProxyTargetClass(false);
			return factory.getProxy(this.classLoader);
		}
	}

	private static boolean hasFinalGetConnection(Class<?> type) {
		Method[] methods = { ClassUtils.getMethodIfAvailable(type, "getConnection"),
				ClassUtils.getMethodIfAvailable(type, "getConnection", String.class, String.class) };
		return Arrays.stream(methods)
			.anyMatch((method) -> method != null && Modifier.isFinal(method.getModifiers()));
	}

	// Unknown for another OpenTelemetry implementation: its limits are its own.
	private static int maxAttributeValueLength(OpenTelemetry openTelemetry) {
		return (openTelemetry instanceof OpenTelemetrySdk sdk)
				? sdk.getSdkTracerProvider().getSpanLimits().getMaxAttributeValueLength() : Integer.MAX_VALUE;
	}

	static boolean isTraced(Object bean) {
		return bean instanceof Advised advised && Arrays.stream(advised.getAdvisors())
			.anyMatch((advisor) -> advisor.getAdvice() instanceof DataSourceTracingInterceptor);
	}

}
