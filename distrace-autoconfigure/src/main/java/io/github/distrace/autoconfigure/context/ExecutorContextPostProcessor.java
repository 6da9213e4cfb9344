package io.github.distrace.autoconfigure.context;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Carries the trace context into tasks of every {@link ThreadPoolTaskExecutor} and
 * {@link SimpleAsyncTaskExecutor} bean, including the ones Spring Boot creates for
 * {@code @Async} methods, on platform or virtual threads.
 *
 * @author distrace
 */
final class ExecutorContextPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof ThreadPoolTaskExecutor executor) {
			ExecutorContextPropagation.apply(executor);
		}
		else if (bean instanceof SimpleAsyncTaskExecutor executor) {
			ExecutorContextPropagation.apply(executor);
		}
		return bean;
	}

}
