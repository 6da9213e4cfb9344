package io.github.distrace.autoconfigure.sql;

import java.util.Arrays;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;

/**
 * How a database bean (a JDBC {@code DataSource}, an R2DBC {@code ConnectionFactory}) is
 * traced in place: its interceptor added first to a Spring AOP proxy it already is, else
 * a proxy of its own that keeps its class where the class can be subclassed.
 * <p>
 * Internal: shared by distrace's JDBC and R2DBC post-processors.
 *
 * @author distrace
 */
public final class TracedBeans {

	private TracedBeans() {
	}

	/**
	 * Return the bean traced by an interceptor.
	 * @param bean the bean
	 * @param beanName its name, for the log
	 * @param interceptor what traces it
	 * @param subclass whether to try a subclass proxy, which keeps the bean's type
	 * @param classLoader where the proxy class is defined
	 * @param logger where a fall-back to an interface proxy is logged, at debug level
	 * @return the bean itself, advised, or its proxy
	 */
	public static Object trace(Object bean, String beanName, MethodInterceptor interceptor, boolean subclass,
			@Nullable ClassLoader classLoader, Log logger) {
		if (bean instanceof Advised advised && AopUtils.isAopProxy(bean) && !advised.isFrozen()) {
			advised.addAdvice(0, interceptor);
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		factory.addAdvice(interceptor);
		factory.setProxyTargetClass(subclass);
		try {
			return factory.getProxy(classLoader);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Bean '" + beanName + "' of " + bean.getClass()
					+ " cannot be subclassed; tracing it through its interfaces", ex);
			factory.setProxyTargetClass(false);
			return factory.getProxy(classLoader);
		}
	}

	/**
	 * Return whether a bean is already traced by an interceptor of a type.
	 * @param bean the bean
	 * @param interceptorType the type of the interceptor
	 * @return whether one of its advisors is such an interceptor
	 */
	public static boolean isTraced(Object bean, Class<? extends MethodInterceptor> interceptorType) {
		return bean instanceof Advised advised && Arrays.stream(advised.getAdvisors())
			.anyMatch((advisor) -> interceptorType.isInstance(advisor.getAdvice()));
	}

	/**
	 * Return the longest attribute value the SDK keeps, to cut statement texts to.
	 * @param openTelemetry the OpenTelemetry in use
	 * @return the limit; unknown for another OpenTelemetry implementation, whose limits
	 * are its own
	 */
	public static int maxAttributeValueLength(OpenTelemetry openTelemetry) {
		return (openTelemetry instanceof OpenTelemetrySdk sdk)
				? sdk.getSdkTracerProvider().getSpanLimits().getMaxAttributeValueLength() : Integer.MAX_VALUE;
	}

}
