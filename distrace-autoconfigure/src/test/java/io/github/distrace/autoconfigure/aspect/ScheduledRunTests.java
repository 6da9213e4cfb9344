package io.github.distrace.autoconfigure.aspect;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ExceptionAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
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

	@Test
	void failedRunRecordsADatabaseErrorWithoutItsValues() {
		this.contextRunner.withBean(FailingJob.class).run((context) -> {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> InMemorySpans.spans(context)
					.stream()
					.anyMatch((span) -> span.getName().equals("FailingJob.importUsers")));
			SpanData run = InMemorySpans.span(context, "FailingJob.importUsers");
			assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(run.getStatus().getDescription()).isEqualTo("import failed: Duplicate entry ? for key ?");
			assertThat(run.getEvents()).singleElement().satisfies((event) -> {
				assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_TYPE))
					.isEqualTo(DataIntegrityViolationException.class.getName());
				assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_STACKTRACE))
					.contains("Caused by: java.sql.SQLException: Duplicate entry ? for key ?");
			});
			assertThat(run.toString()).doesNotContain("ada@example.org");
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

	static class FailingJob {

		@Scheduled(fixedDelay = 60_000)
		void importUsers() {
			String driverMessage = "Duplicate entry 'ada@example.org' for key 'email'";
			throw new DataIntegrityViolationException("import failed: " + driverMessage,
					new SQLException(driverMessage));
		}

	}

}
