package io.github.distrace.autoconfigure.sdk;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.github.distrace.autoconfigure.sampling.TailSamplingStatistics;
import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tail decision as the SDK auto-configuration wires it, at head ratio 0: a kept local
 * root reaches a {@code BatchSpanProcessor} of the user's own, and a drop is reported
 * without holding the request thread.
 */
class TailDecisionWiringTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none", "distrace.sampler.type=traceidratio",
				"distrace.sampler.ratio=0.0");

	@Test
	void aUsersOwnBatchSpanProcessorExportsKeptLocalRoots() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			// Built as a user would, with the processor's defaults: it exports sampled spans only.
			OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
				.setEndpoint(receiver.endpoint() + "/v1/traces")
				.build();
			this.contextRunner.withBean(BatchSpanProcessor.class, () -> BatchSpanProcessor.builder(exporter).build())
				.run((context) -> {
					Tracer tracer = context.getBean(Tracer.class);
					Span failed = tracer.spanBuilder("GET /failed").startSpan();
					tracer.spanBuilder("SELECT item").setParent(Context.root().with(failed)).startSpan().end();
					failed.setStatus(StatusCode.ERROR);
					failed.end();
					tracer.spanBuilder("GET /ok").startSpan().end();
					SdkTracerProvider tracerProvider = context.getBean(SdkTracerProvider.class);
					assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
					List<ReceivedSpan> spans = receiver.awaitSpans(2);
					assertThat(spans).extracting(ReceivedSpan::name)
						.containsExactlyInAnyOrder("GET /failed", "SELECT item");
					assertThat(spans).filteredOn((span) -> span.name().equals("GET /failed"))
						.singleElement()
						.satisfies((span) -> assertThat(span.attribute("distrace.sampling.kept")).isEqualTo("error"));
					assertThat(receiver.spans()).hasSize(2);
				});
		}
	}

	@Test
	void aDropIsReportedWithoutHoldingTheRequestThread() {
		BlockingAppender appender = new BlockingAppender();
		appender.start();
		Logger logger = (Logger) LoggerFactory.getLogger(DroppedSpanReporter.class);
		logger.addAppender(appender);
		try {
			this.contextRunner.withPropertyValues("distrace.sampler.keep.max-buffered-spans=10").run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				// The log is stuck (a slow appender): a request that fills the buffer goes on.
				CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
					Span root = tracer.spanBuilder("GET /items").startSpan();
					for (int i = 0; i < 12; i++) {
						tracer.spanBuilder("SELECT item").setParent(Context.root().with(root)).startSpan().end();
					}
					root.end();
				});
				request.get(10, TimeUnit.SECONDS);
				assertThat(context.getBean(TailSamplingStatistics.class).droppedBufferFull()).isEqualTo(13);
				appender.release.countDown();
				await().untilAsserted(() -> assertThat(appender.messages).anySatisfy((message) -> assertThat(message)
					.contains("spans of traces not sampled yet were dropped before their tail decision")));
			});
		}
		finally {
			appender.release.countDown();
			logger.detachAppender(appender);
		}
	}

	/**
	 * A log appender that holds every thread logging through it until released.
	 */
	static class BlockingAppender extends AppenderBase<ILoggingEvent> {

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> messages = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.messages.add(event.getFormattedMessage());
		}

	}

}
