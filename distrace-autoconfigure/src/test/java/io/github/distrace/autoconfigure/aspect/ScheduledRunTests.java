package io.github.distrace.autoconfigure.aspect;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each run of a {@code @Scheduled} method is a trace of its own.
 */
class ScheduledRunTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TaskSchedulingAutoConfiguration.class,
				DistraceSdkAutoConfiguration.class, DistraceAspectAutoConfiguration.class))
		.withUserConfiguration(InMemorySpans.class, SchedulingConfiguration.class)
		.withBean(Job.class)
		.withPropertyValues("distrace.exporter=none");

	@Test
	void startsNewRootTracePerRun() {
		this.contextRunner.run((context) -> {
			Job job = context.getBean(Job.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> job.traceIds().size() >= 3);
			List<SpanData> runs = InMemorySpans.spans(context)
				.stream()
				.filter((span) -> span.getName().equals("Job.tick"))
				.toList();
			assertThat(runs).hasSizeGreaterThanOrEqualTo(3)
				.allSatisfy((span) -> assertThat(span.getParentSpanContext().isValid()).isFalse());
			Set<String> traceIds = runs.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
			assertThat(traceIds).hasSize(runs.size());
			assertThat(job.traceIds()).containsAll(traceIds);
		});
	}

	@Test
	void doesNotTraceRunsWhenAspectIsDisabled() {
		this.contextRunner.withPropertyValues("distrace.aspect.enabled=false").run((context) -> {
			Job job = context.getBean(Job.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> job.traceIds().size() >= 2);
			assertThat(job.traceIds()).containsOnly("00000000000000000000000000000000");
			assertThat(InMemorySpans.spans(context)).isEmpty();
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingConfiguration {

	}

	static class Job {

		private final List<String> traceIds = new CopyOnWriteArrayList<>();

		// Read through a method: the bean is a proxy, whose own fields are empty.
		List<String> traceIds() {
			return this.traceIds;
		}

		@Scheduled(fixedDelay = 20)
		void tick() {
			this.traceIds.add(Span.current().getSpanContext().getTraceId());
		}

	}

}
