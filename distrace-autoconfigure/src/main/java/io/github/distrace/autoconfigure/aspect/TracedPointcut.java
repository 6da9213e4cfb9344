package io.github.distrace.autoconfigure.aspect;

import java.lang.reflect.Method;

import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches methods traced by {@link io.github.distrace.Traced @Traced}, wherever the
 * annotation is declared: on the method, on a method it implements, or on the type.
 *
 * @author distrace
 */
final class TracedPointcut extends StaticMethodMatcherPointcut {

	// Not cached: Spring asks once per method of each proxied class, and caching the
	// answers for every method of every bean would keep far more than the traced ones.
	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return TracedMethod.forTraced(method, targetClass) != null;
	}

}
