package io.github.distrace.autoconfigure.context;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ReflectionUtils;

/**
 * Adds a {@link ContextTaskDecorator} to Spring's task executors, keeping a decorator the
 * executor already has. Spring offers no getter for it, so it is read from its field; an
 * executor whose field cannot be found is left as it is.
 *
 * @author distrace
 */
final class ExecutorContextPropagation {

	private static final Log logger = LogFactory.getLog(ExecutorContextPropagation.class);

	private ExecutorContextPropagation() {
	}

	static void apply(ThreadPoolTaskExecutor executor) {
		apply(executor, executor::setTaskDecorator);
	}

	static void apply(SimpleAsyncTaskExecutor executor) {
		apply(executor, executor::setTaskDecorator);
	}

	private static void apply(Object executor, Consumer<TaskDecorator> setter) {
		TaskDecorator decorator = decorated(executor);
		if (decorator != null) {
			setter.accept(decorator);
		}
	}

	static Optional<Field> taskDecoratorField(Class<?> executorType) {
		return Optional.ofNullable(ReflectionUtils.findField(executorType, "taskDecorator", TaskDecorator.class));
	}

	private static @Nullable TaskDecorator decorated(Object executor) {
		Field field = taskDecoratorField(executor.getClass()).orElse(null);
		if (field == null) {
			logger.warn("Cannot propagate trace context through " + executor.getClass().getName()
					+ ": its task decorator is not found");
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		TaskDecorator existing = (TaskDecorator) ReflectionUtils.getField(field, executor);
		return (existing instanceof ContextTaskDecorator) ? null : new ContextTaskDecorator(existing);
	}

}
