package io.github.distrace.autoconfigure.context;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executors' task decorator fields, which {@link ExecutorContextPropagation} reads so
 * that the decorator an application set keeps running inside distrace's.
 *
 * @author distrace
 */
class ExecutorRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> executor : new Class<?>[] { ThreadPoolTaskExecutor.class, SimpleAsyncTaskExecutor.class }) {
			ExecutorContextPropagation.taskDecoratorField(executor)
				.ifPresent((field) -> hints.reflection().registerField(field));
		}
	}

}
