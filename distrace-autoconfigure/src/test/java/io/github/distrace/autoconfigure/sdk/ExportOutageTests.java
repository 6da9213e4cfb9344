package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector that refuses exports, and one that is healthy when the application stops:
 * retries follow OpenTelemetry's exporter specification, shutdown keeps its bound, and
 * nothing ended before shutdown is lost. Oversized spans are cut to the limits.
 */
class ExportOutageTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		.withPropertyValues("distrace.batch.schedule-delay=50ms");

	private OtlpReceiver receiver;

	@BeforeEach
	void startReceiver() throws Exception {
		this.receiver = OtlpReceiver.http();
	}

	@AfterEach
	void stopReceiver() throws Exception {
		this.receiver.close();
	}

	@Test
	void unavailableCollectorIsRetriedUntilItAccepts() {
		// OpenTelemetry retries 429, 502, 503 and 504 with exponential backoff (1 s, then
		// 1.5 times longer, up to 5 attempts); its Java exporter does not read
		// Retry-After.
		this.receiver.refuse(2, 503, "1");
		this.contextRunner.withPropertyValues("distrace.otlp.endpoint=" + this.receiver.endpoint()).run((context) -> {
			context.getBean(Tracer.class).spanBuilder("retried").startSpan().end();
			this.receiver.awaitSpan("retried");
			assertThat(this.receiver.httpRequestCount()).isEqualTo(3);
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			await().until(() -> statistics.exportedSpans() == 1);
			assertThat(statistics.failedSpans()).isZero();
		});
	}

	@Test
	void badRequestIsNotRetriedAndCountsAsFailed() {
		this.receiver.refuse(Integer.MAX_VALUE, 400, null);
		this.contextRunner.withPropertyValues("distrace.otlp.endpoint=" + this.receiver.endpoint()).run((context) -> {
			context.getBean(Tracer.class).spanBuilder("rejected").startSpan().end();
			SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> statistics.failedSpans() == 1);
			assertThat(this.receiver.httpRequestCount()).isEqualTo(1);
			assertThat(this.receiver.spans()).isEmpty();
		});
	}

	@Test
	void shutdownWhileTheCollectorAnswers503FinishesWithinTheBound() {
		this.receiver.refuse(Integer.MAX_VALUE, 503, "120");
		long[] closedAfterMillis = new long[1];
		this.contextRunner
			.withPropertyValues("distrace.otlp.endpoint=" + this.receiver.endpoint(), "distrace.shutdown-timeout=2s")
			.run((context) -> {
				context.getBean(Tracer.class).spanBuilder("refused").startSpan().end();
				await().until(() -> this.receiver.httpRequestCount() > 0);
				long start = System.nanoTime();
				context.close();
				closedAfterMillis[0] = Duration.ofNanos(System.nanoTime() - start).toMillis();
			});
		// The bound is 2 s; the upper limit leaves room for a machine busy with other
		// work. Without it, the retries alone (up to 5 attempts) would hold shutdown
		// longer.
		assertThat(closedAfterMillis[0]).isLessThan(4_000L);
	}

	@Test
	void gracefulShutdownDeliversEverySpanEnded() {
		this.contextRunner
			.withPropertyValues("distrace.otlp.endpoint=" + this.receiver.endpoint(),
					"distrace.batch.schedule-delay=10m")
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				for (int i = 0; i < 2_000; i++) {
					tracer.spanBuilder("ended-" + i).startSpan().end();
				}
				SpanExportStatistics statistics = context.getBean(SpanExportStatistics.class);
				context.close();
				assertThat(statistics.droppedSpans()).isZero();
			});
		// No waiting: closing the context has flushed every span.
		assertThat(this.receiver.spans()).hasSize(2_000);
		assertThat(this.receiver.spans().stream().map(ReceivedSpan::name).distinct()).hasSize(2_000);
	}

	@Test
	void oversizedValuesAreCutAndAttributeCountsCapped() {
		String megabyte = "x".repeat(1024 * 1024);
		this.contextRunner.withPropertyValues("distrace.otlp.endpoint=" + this.receiver.endpoint()).run((context) -> {
			Span span = context.getBean(Tracer.class).spanBuilder("big").startSpan();
			span.setAttribute("db.query.text", megabyte);
			for (int i = 0; i < 1_000; i++) {
				span.setAttribute("extra." + i, i);
			}
			for (int i = 0; i < 1_000; i++) {
				span.addEvent("event-" + i);
			}
			span.end();
			ReceivedSpan received = this.receiver.awaitSpan("big");
			assertThat(received.attribute("db.query.text")).hasSize(4096);
			assertThat(received.attributes()).hasSize(128);
			assertThat(received.events()).hasSize(128);
		});
	}

}
