package io.github.distrace.autoconfigure.context;

import io.github.distrace.Distrace;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.OpenTelemetryContextAccessor;
import io.micrometer.context.ContextRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.task.SimpleAsyncTaskExecutorCustomizer;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link Distrace} span API and of trace context propagation
 * into Spring's task executors and through Reactor's operators. {@link Distrace} is
 * supplied even with {@code distrace.enabled=false}, over a no-op tracer then: not over
 * another provider's {@link Tracer}, since a disabled distrace starts no span.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
public final class DistraceContextAutoConfiguration {

	// Spring Boot's own switch for the same hook.
	private static final String CONTEXT_PROPAGATION_PROPERTY = "spring.reactor.context-propagation";

	@Bean
	@ConditionalOnDistraceEnabled
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
	@ConditionalOnDistraceEnabled
	@ConditionalOnClass({ Hooks.class, ContextRegistry.class })
	static class ReactorConfiguration {

		/**
		 * Hands OpenTelemetry's context to Micrometer's context propagation and turns on
		 * Reactor's automatic context propagation, so that each operator of a reactive
		 * chain runs in the context where the chain was subscribed. An application that
		 * chose {@code spring.reactor.context-propagation=limited} keeps its choice.
		 * @param environment the environment
		 */
		ReactorConfiguration(Environment environment) {
			// Registered once per key; a second context replaces it with an equal one.
			ContextRegistry.getInstance().registerThreadLocalAccessor(new OpenTelemetryContextAccessor());
			if (!"limited".equalsIgnoreCase(environment.getProperty(CONTEXT_PROPAGATION_PROPERTY, "auto").trim())) {
				Hooks.enableAutomaticContextPropagation();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDistraceEnabled
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
