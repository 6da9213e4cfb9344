package io.github.distrace.autoconfigure.messaging;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The RabbitMQ client's field that {@link RabbitTracingPostProcessor} reads, to find a
 * collector the application set, where the client has no getter.
 *
 * @author distrace
 */
class RabbitRuntimeHints implements RuntimeHintsRegistrar {

	private static final String CONNECTION_FACTORY = "com.rabbitmq.client.ConnectionFactory";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(CONNECTION_FACTORY, classLoader)) {
			Class<?> factory = ClassUtils.resolveClassName(CONNECTION_FACTORY, classLoader);
			Field collector = ReflectionUtils.findField(factory, RabbitTracingPostProcessor.COLLECTOR_FIELD);
			if (collector != null) {
				hints.reflection().registerField(collector);
			}
		}
	}

}
