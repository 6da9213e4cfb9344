package io.github.distrace.autoconfigure.sdk;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.distrace.test.BlackHoleCollector;
import io.github.distrace.test.OtlpReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that is down or never answers must not stop the application, hold its
 * shutdown, or flood its log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportFaultTests {

	// These tests count the spans they make; the application's start-up trace is not one.
	private static final String NO_STARTUP_TRACE = "--distrace.startup.enabled=false";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		.withPropertyValues("distrace.batch.schedule-delay=50ms");

	@ParameterizedTest
	@ValueSource(strings = { "http/protobuf", "grpc" })
	void collectorDownIsOneWarningLineWithoutStackTrace(String protocol, CapturedOutput output) throws IOException {
		String endpoint = "http://127.0.0.1:" + unusedPort();
		// A real application, so that OpenTelemetry's java.util.logging goes through
		// Spring Boot's logging system as it does for users.
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(NO_STARTUP_TRACE,
				"--distrace.otlp.protocol=" + protocol, "--distrace.otlp.endpoint=" + endpoint,
				"--distrace.batch.schedule-delay=50ms")) {
			context.getBean(Tracer.class).spanBuilder("lost").startSpan().end();
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> statistics.failedSpans() == 1);
			assertThat(statistics.droppedSpans()).isZero();
		}
		assertThat(output).contains("WARN").contains("Failed to export").contains("ConnectException");
		assertThat(output).doesNotContain("\tat ").doesNotContain("SEVERE").doesNotContain("ERROR");
	}

	@Test
	void shutdownWithACollectorThatNeverAnswersFinishesWithinTheBound(CapturedOutput output) throws IOException {
		try (BlackHoleCollector collector = new BlackHoleCollector()) {
			long[] closedAfterMillis = new long[1];
			this.contextRunner
				.withPropertyValues("distrace.otlp.endpoint=" + collector.endpoint(), "distrace.otlp.timeout=30s",
						"distrace.shutdown-timeout=2s")
				.run((context) -> {
					context.getBean(Tracer.class).spanBuilder("stuck").startSpan().end();
					await().until(() -> collector.connectionCount() > 0);
					long start = System.nanoTime();
					context.close();
					closedAfterMillis[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
				});
			assertThat(closedAfterMillis[0]).isBetween(1_500L, 4_000L);
			assertThat(output).contains("did not finish within distrace.shutdown-timeout (PT2S)");
		}
	}

	@Test
	void spansThatCannotBeQueuedAreDroppedCountedAndReported(CapturedOutput output) throws IOException {
		try (BlackHoleCollector collector = new BlackHoleCollector()) {
			this.contextRunner
				.withPropertyValues("distrace.otlp.endpoint=" + collector.endpoint(), "distrace.otlp.timeout=30s",
						"distrace.shutdown-timeout=1s", "distrace.batch.max-queue-size=10",
						"distrace.batch.max-export-batch-size=5")
				.run((context) -> {
					Tracer tracer = context.getBean(Tracer.class);
					for (int i = 0; i < 1000; i++) {
						tracer.spanBuilder("burst").startSpan().end();
					}
					long dropped = context.getBean(SpanExportStatistics.class).droppedSpans();
					// The queue holds 10; a few more sit in the batch being exported.
					assertThat(dropped).isBetween(900L, 990L);
					SimpleMeterRegistry registry = new SimpleMeterRegistry();
					context.getBean(SpanExportMeterBinder.class).bindTo(registry);
					assertThat(registry.get("distrace.spans.dropped")
						.tag("reason", "queue_full")
						.functionCounter()
						.count()).isEqualTo(dropped);
				});
			assertThat(output).containsPattern("\\d+ spans were dropped because the export queue was full")
				.contains("distrace.batch.max-queue-size (now 10)");
		}
	}

	@Test
	void sustainedOverloadIsReportedByDistraceAloneNotOnEveryExport(CapturedOutput output) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			SpringApplication application = new SpringApplication(TestApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			try (ConfigurableApplicationContext context = application.run(NO_STARTUP_TRACE,
					"--distrace.otlp.endpoint=" + receiver.endpoint(), "--distrace.batch.schedule-delay=50ms",
					"--distrace.batch.max-queue-size=10", "--distrace.batch.max-export-batch-size=5")) {
				Tracer tracer = context.getBean(Tracer.class);
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				for (int burst = 0; burst < 5; burst++) {
					for (int i = 0; i < 200; i++) {
						tracer.spanBuilder("burst").startSpan().end();
					}
					// Every span that was queued is exported: each export after a drop
					// has run.
					long ended = 200L * (burst + 1);
					await().atMost(Duration.ofSeconds(30))
						.until(() -> statistics.exportedSpans() + statistics.droppedSpans() == ended);
				}
				assertThat(statistics.droppedSpans()).isPositive();
			}
		}
		assertThat(output).containsPattern("\\d+ spans were dropped because the export queue was full")
			.doesNotContain("BatchSpanProcessor dropped");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DistraceSdkAutoConfiguration.class)
	static class TestApplication {

	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
