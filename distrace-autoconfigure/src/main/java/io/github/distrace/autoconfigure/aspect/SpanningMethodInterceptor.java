package io.github.distrace.autoconfigure.aspect;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;

/**
 * Spring AOP interceptor that runs each call in a span described by {@link MethodSpans}.
 *
 * @author distrace
 */
final class SpanningMethodInterceptor implements MethodInterceptor, MethodSpans.Calls<MethodInvocation> {

	private final MethodSpans spans;

	SpanningMethodInterceptor(MethodSpans spans) {
		this.spans = spans;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target)
				: invocation.getMethod().getDeclaringClass();
		return this.spans.invoke(invocation.getMethod(), targetClass, invocation, this);
	}

	@Override
	public @Nullable Object proceed(MethodInvocation invocation) throws Throwable {
		return invocation.proceed();
	}

	@Override
	public @Nullable Object[] arguments(MethodInvocation invocation) {
		return invocation.getArguments();
	}

}
