package io.github.distrace.autoconfigure.context;

import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.task.SimpleAsyncTaskExecutorCustomizer;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceContextAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceContextAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(Distrace.class)
			.hasSingleBean(ExecutorContextPostProcessor.class)
			.hasSingleBean(ThreadPoolTaskExecutorCustomizer.class)
			.hasSingleBean(SimpleAsyncTaskExecutorCustomizer.class));
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(Distrace.class)
				.doesNotHaveBean(Tracer.class)
				.doesNotHaveBean(ExecutorContextPostProcessor.class)
				.doesNotHaveBean(ThreadPoolTaskExecutorCustomizer.class);
			try (TraceSpan span = context.getBean(Distrace.class).span("ignored")) {
				assertThat(span.spanId()).isEmpty();
			}
		});
	}

	@Test
	void shouldStayNoOpWhenDisabledBesideAnotherProvidersTracer() {
		Tracer recording = SdkTracerProvider.builder().build().get("other");
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.withBean(Tracer.class, () -> recording)
			.run((context) -> {
				try (TraceSpan span = context.getBean(Distrace.class).span("ignored")) {
					assertThat(span.spanId()).isEmpty();
				}
			});
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		Distrace custom = new Distrace(OpenTelemetry.noop().getTracer("user"));
		this.contextRunner.withBean(Distrace.class, () -> custom)
			.run((context) -> assertThat(context.getBean(Distrace.class)).isSameAs(custom));
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.opentelemetry.sdk"))
			.run((context) -> assertThat(context).doesNotHaveBean(Distrace.class));
	}

}
