package io.github.distrace.autoconfigure.context;

import io.github.distrace.Distrace;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.task.SimpleAsyncTaskExecutorCustomizer;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link Distrace} span API and of trace context propagation
 * into Spring's task executors. {@link Distrace} is supplied even with
 * {@code distrace.enabled=false}, over the no-op tracer then.
 *
 * @author distrace
 */
@AutoConfiguration(afterName = "io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration")
public final class DistraceContextAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Tracer.class)
	Distrace distrace(Tracer tracer) {
		return new Distrace(tracer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "distrace.enabled", matchIfMissing = true)
	static class ExecutorConfiguration {

		@Bean
		static ExecutorContextPostProcessor distraceExecutorContextPostProcessor() {
			return new ExecutorContextPostProcessor();
		}

		// Executors built from Spring Boot's builders but not registered as beans.
		@Bean
		ThreadPoolTaskExecutorCustomizer distraceThreadPoolTaskExecutorCustomizer() {
			return ExecutorContextPropagation::apply;
		}

		@Bean
		SimpleAsyncTaskExecutorCustomizer distraceSimpleAsyncTaskExecutorCustomizer() {
			return ExecutorContextPropagation::apply;
		}

	}

}
