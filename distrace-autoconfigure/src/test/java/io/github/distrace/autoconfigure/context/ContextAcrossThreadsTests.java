package io.github.distrace.autoconfigure.context;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span and baggage current when work is handed to an executor are current while it
 * runs on the other thread.
 */
class ContextAcrossThreadsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				DistraceSdkAutoConfiguration.class, DistraceContextAutoConfiguration.class))
		.withUserConfiguration(InMemorySpans.class, AsyncConfiguration.class)
		.withPropertyValues("distrace.exporter=none");

	@Test
	void asyncMethodRunsInCallersContext() {
		this.contextRunner.run(this::assertAsyncMethodSeesContext);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void asyncMethodOnVirtualThreadRunsInCallersContext() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(SimpleAsyncTaskExecutor.class);
			assertAsyncMethodSeesContext(context);
		});
	}

	@Test
	void executorBeansRunTasksInSubmittersContextKeepingTheirDecorator() {
		this.contextRunner.withUserConfiguration(ExecutorsConfiguration.class).run((context) -> {
			assertRunsInContext(context, context.getBean("userPool", Executor.class));
			assertRunsInContext(context, context.getBean("userSimple", Executor.class));
			assertThat(context.getBean(ExecutorsConfiguration.class).decorated).containsExactly("userPool");
		});
	}

	@Test
	void executorsBuiltFromBuildersRunTasksInSubmittersContext() {
		this.contextRunner.run((context) -> {
			ThreadPoolTaskExecutor pool = context.getBean(ThreadPoolTaskExecutorBuilder.class).build();
			pool.initialize();
			try {
				assertRunsInContext(context, pool);
			}
			finally {
				pool.shutdown();
			}
			assertRunsInContext(context, context.getBean(SimpleAsyncTaskExecutorBuilder.class).build());
		});
	}

	@Test
	void executorsAreLeftAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			String seen = context.getBean(AsyncWorker.class).baggage("tenant").get(5, TimeUnit.SECONDS);
			try (Scope scope = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
				seen = context.getBean(AsyncWorker.class).baggage("tenant").get(5, TimeUnit.SECONDS);
			}
			assertThat(seen).isEqualTo("none");
		});
	}

	private void assertAsyncMethodSeesContext(AssertableApplicationContext context) throws Exception {
		AsyncWorker worker = context.getBean(AsyncWorker.class);
		Distrace distrace = context.getBean(Distrace.class);
		try (TraceSpan span = distrace.span("request");
				Scope baggage = Baggage.current().toBuilder().put("tenant", "acme").build().makeCurrent()) {
			assertThat(worker.spanId().get(5, TimeUnit.SECONDS)).isEqualTo(span.spanId());
			assertThat(worker.baggage("tenant").get(5, TimeUnit.SECONDS)).isEqualTo("acme");
		}
		// The worker thread goes back to no context once the task is done.
		assertThat(worker.spanId().get(5, TimeUnit.SECONDS)).isEqualTo("0000000000000000");
		assertThat(worker.baggage("tenant").get(5, TimeUnit.SECONDS)).isEqualTo("none");
	}

	private void assertRunsInContext(AssertableApplicationContext context, Executor executor) throws Exception {
		try (TraceSpan span = context.getBean(Distrace.class).span("submit")) {
			CompletableFuture<String> seen = new CompletableFuture<>();
			executor.execute(() -> seen.complete(Span.current().getSpanContext().getSpanId()));
			assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(span.spanId());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		AsyncWorker asyncWorker() {
			return new AsyncWorker();
		}

	}

	static class AsyncWorker {

		@Async
		CompletableFuture<String> spanId() {
			return CompletableFuture.completedFuture(Span.current().getSpanContext().getSpanId());
		}

		@Async
		CompletableFuture<String> baggage(String key) {
			String value = Baggage.current().getEntryValue(key);
			return CompletableFuture.completedFuture((value != null) ? value : "none");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorsConfiguration {

		final List<String> decorated = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		ThreadPoolTaskExecutor userPool() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setTaskDecorator((task) -> {
				// The user's decorator runs inside the propagated context too.
				if (Context.current() != Context.root()) {
					this.decorated.add("userPool");
				}
				return task;
			});
			return executor;
		}

		@Bean
		@Qualifier("userSimple")
		SimpleAsyncTaskExecutor userSimple() {
			return new SimpleAsyncTaskExecutor("user-simple-");
		}

	}

}
