package io.github.distrace.autoconfigure.redis;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * What distrace reads of Spring Data Redis' {@code JedisConnectionFactory} by reflection
 * to trace its connections: its client configuration, and whether it uses Jedis'
 * {@code RedisClient} (Spring Data Redis 4.1 and later).
 *
 * @author distrace
 */
class JedisRuntimeHints implements RuntimeHintsRegistrar {

	private static final String FACTORY = "org.springframework.data.redis.connection.jedis.JedisConnectionFactory";

	private static final String JEDIS = "redis.clients.jedis.Jedis";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// Spring Data Redis without Jedis (on Lettuce, Spring Boot's default): the
		// factory's class is there, but its fields name Jedis' types, which are not.
		if (!ClassUtils.isPresent(FACTORY, classLoader) || !ClassUtils.isPresent(JEDIS, classLoader)) {
			return;
		}
		Class<?> factory = ClassUtils.resolveClassName(FACTORY, classLoader);
		Field clientConfig = ReflectionUtils.findField(factory, "clientConfig");
		if (clientConfig != null) {
			hints.reflection().registerField(clientConfig);
		}
		for (Method method : new Method[] { ReflectionUtils.findMethod(factory, "isUseUnifiedJedis"),
				ReflectionUtils.findMethod(factory, "setUseUnifiedJedis", boolean.class),
				JedisTracingPostProcessor.unifiedFactory() }) {
			if (method != null) {
				hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
			}
		}
	}

}
