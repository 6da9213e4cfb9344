package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Base of the connection and statement proxies: the methods of {@link Object} answer for
 * the proxy itself, everything else goes to {@link #handle}.
 *
 * @author distrace
 */
abstract class JdbcInvocationHandler implements InvocationHandler {

	private final Object target;

	JdbcInvocationHandler(Object target) {
		this.target = target;
	}

	@Override
	public final @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
			throws Throwable {
		int count = (args != null) ? args.length : 0;
		switch (method.getName()) {
			case "equals" -> {
				if (count == 1) {
					return proxy == args[0];
				}
			}
			case "hashCode" -> {
				if (count == 0) {
					return System.identityHashCode(proxy);
				}
			}
			case "toString" -> {
				if (count == 0) {
					return "Traced[" + this.target + "]";
				}
			}
			default -> {
			}
		}
		return handle(proxy, method, args);
	}

	/**
	 * Handle a JDBC method called on the proxy.
	 * @param proxy the proxy
	 * @param method the method
	 * @param args its arguments
	 * @return the result
	 * @throws Throwable what the real object threw, unchanged
	 */
	abstract @Nullable Object handle(Object proxy, Method method, @Nullable Object @Nullable [] args)
			throws Throwable;

	/**
	 * Call a method on the real object.
	 * @param method the method
	 * @param args its arguments
	 * @return the result
	 * @throws Throwable what the real object threw, unchanged
	 */
	final @Nullable Object proceed(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		return JdbcProxies.invoke(this.target, method, args);
	}

}
