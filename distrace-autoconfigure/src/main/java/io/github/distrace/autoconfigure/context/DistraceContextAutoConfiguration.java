package io.github.distrace.autoconfigure.context;

import io.github.distrace.Distrace;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;

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
 * {@code distrace.enabled=false}, over a no-op tracer then: not over another provider's
 * {@link Tracer}, since a disabled distrace starts no span.
 *
 * @author distrace
 */
@AutoConfiguration(afterName = "io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration")
public final class DistraceContextAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "distrace.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean
	@ConditionalOnBean(Tracer.class)
	Distrace distrace(Tracer tracer) {
		return new Distrace(tracer);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "distrace.enabled", havingValue = false)
	@ConditionalOnMissingBean
	Distrace distraceNoop() {
		return new Distrace(TracerProvider.noop().get("io.github.distrace"));
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
