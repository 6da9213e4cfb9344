package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WARN line about dropped spans never holds a thread that serves a request.
 */
class DroppedSpanReporterTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		// Every trace waits for its tail decision, in a buffer of ten spans.
		.withPropertyValues("distrace.exporter=none", "distrace.sampler.type=parentbased_traceidratio",
				"distrace.sampler.ratio=0", "distrace.sampler.keep.max-buffered-spans=10");

	@Test
	void threadsThatDropSpansNeverWaitForTheWarning() {
		BlockingAppender appender = new BlockingAppender();
		Logger logger = (Logger) LoggerFactory.getLogger(DroppedSpanReporter.class);
		appender.start();
		logger.addAppender(appender);
		try {
			this.contextRunner.run((context) -> {
				try {
					Tracer tracer = context.getBean(Tracer.class);
					CompletableFuture<Void> first = onRequestThread("request-1", () -> overflowTheBuffer(tracer));
					// The warning about the first drops is being written, and its
					// appender is stuck.
					assertThat(appender.entered.await(30, TimeUnit.SECONDS)).isTrue();
					CompletableFuture<Void> second = onRequestThread("request-2", () -> overflowTheBuffer(tracer));
					assertThat(first).succeedsWithin(Duration.ofSeconds(30));
					assertThat(second).succeedsWithin(Duration.ofSeconds(30));
					assertThat(appender.thread).isEqualTo("distrace-dropped-span-report");
				}
				finally {
					appender.release.countDown();
				}
			});
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	// More spans of one open request than the buffer holds: the trace is given up.
	private static void overflowTheBuffer(Tracer tracer) {
		Span request = tracer.spanBuilder("request").startSpan();
		Context parent = Context.root().with(request);
		for (int i = 0; i < 11; i++) {
			tracer.spanBuilder("query").setParent(parent).startSpan().end();
		}
		request.end();
	}

	private static CompletableFuture<Void> onRequestThread(String name, Runnable work) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		new Thread(() -> {
			work.run();
			done.complete(null);
		}, name).start();
		return done;
	}

	/**
	 * An appender that holds the first line it is given until released, as a log appender
	 * writing to a slow disk or a full pipe does.
	 */
	private static final class BlockingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private volatile String thread = "";

		@Override
		protected void append(ILoggingEvent event) {
			if (this.entered.getCount() == 0) {
				return;
			}
			this.thread = Thread.currentThread().getName();
			this.entered.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
