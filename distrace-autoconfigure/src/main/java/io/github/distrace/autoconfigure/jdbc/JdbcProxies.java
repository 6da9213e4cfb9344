package io.github.distrace.autoconfigure.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.jspecify.annotations.Nullable;

/**
 * Interface proxies for connections and statements. JDBC interfaces have hundreds of
 * methods and grow with each Java release; a proxy forwards all of them and intercepts
 * only the few that matter.
 *
 * @author distrace
 */
final class JdbcProxies {

	private JdbcProxies() {
	}

	static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

	static boolean isTracedConnection(@Nullable Object connection) {
		return connection != null && Proxy.isProxyClass(connection.getClass())
				&& Proxy.getInvocationHandler(connection) instanceof ConnectionHandler;
	}

	/**
	 * Call a method on the real object, throwing what it throws, unchanged.
	 * @param target the real object
	 * @param method the method
	 * @param args the arguments
	 * @return the result
	 * @throws Throwable what the method threw
	 */
	static @Nullable Object invoke(Object target, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
