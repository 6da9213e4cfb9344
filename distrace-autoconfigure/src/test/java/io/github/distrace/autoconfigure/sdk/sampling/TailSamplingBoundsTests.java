package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.SpanExportMeterBinder;
import io.github.distrace.test.OtlpReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tail decision's bounds: a full buffer gives up the oldest undecided local roots, a
 * root that never ends is given up, both counted (to the last span) and reported, and a
 * kept local root still arrives whole at a real OTLP receiver.
 */
@ExtendWith(OutputCaptureExtension.class)
class TailSamplingBoundsTests {

	private OtlpReceiver receiver;

	@BeforeEach
	void startReceiver() throws Exception {
		this.receiver = OtlpReceiver.http();
	}

	@AfterEach
	void stopReceiver() throws Exception {
		this.receiver.close();
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
			.withPropertyValues("distrace.sampler.type=traceidratio", "distrace.sampler.ratio=0.0",
					"distrace.otlp.endpoint=" + this.receiver.endpoint(), "distrace.batch.schedule-delay=50ms");
	}

	@Test
	void aFullBufferGivesUpTheOldestUndecidedLocalRoots(CapturedOutput output) {
		contextRunner().withPropertyValues("distrace.sampler.keep.max-buffered-spans=100").run((context) -> {
			SimpleMeterRegistry registry = metrics(context);
			Tracer tracer = context.getBean(Tracer.class);
			Span oldest = tracer.spanBuilder("oldest").startSpan();
			children(tracer, oldest, 60);
			Span newest = tracer.spanBuilder("newest").startSpan();
			children(tracer, newest, 60);
			TailSamplingStatistics statistics = context.getBean(TailSamplingStatistics.class);
			assertThat(statistics.droppedBufferFull()).isEqualTo(60);
			assertThat(
					registry.get("distrace.spans.dropped").tag("reason", "tail_buffer_full").functionCounter().count())
				.isEqualTo(60);
			// Reported on a thread of its own, not the request's.
			await().untilAsserted(() -> assertThat(output)
				.contains("60 spans of traces not sampled yet were dropped before their tail decision"));
			newest.setStatus(StatusCode.ERROR);
			newest.end();
			oldest.setStatus(StatusCode.ERROR);
			oldest.end();
			flush(context);
			assertThat(this.receiver.spans()).hasSize(61)
				.allSatisfy((span) -> assertThat(span.traceId()).isEqualTo(newest.getSpanContext().getTraceId()));
			// The given-up local root is not judged at all when it ends: it is counted as
			// dropped.
			assertThat(registry.get("distrace.traces.kept").tag("reason", "error").functionCounter().count())
				.isEqualTo(1);
			assertThat(statistics.droppedBufferFull()).isEqualTo(61);
		});
	}

	@Test
	void aRootThatNeverEndsIsGivenUp(CapturedOutput output) {
		contextRunner().withPropertyValues("distrace.sampler.keep.max-duration=200ms").run((context) -> {
			SimpleMeterRegistry registry = metrics(context);
			Tracer tracer = context.getBean(Tracer.class);
			Span leaked = tracer.spanBuilder("leaked").startSpan();
			children(tracer, leaked, 3);
			Thread.sleep(1_200);
			// The next trace's start finds the leaked one.
			Span next = tracer.spanBuilder("next").startSpan();
			next.end();
			TailSamplingStatistics statistics = context.getBean(TailSamplingStatistics.class);
			assertThat(statistics.droppedAbandoned()).isEqualTo(3);
			assertThat(
					registry.get("distrace.spans.dropped").tag("reason", "root_never_ended").functionCounter().count())
				.isEqualTo(3);
			await().untilAsserted(() -> assertThat(output).contains("3 spans of traces not sampled yet were given up"));
			// Ending it at last exports nothing: it was given up, and it counts as
			// dropped too.
			leaked.setStatus(StatusCode.ERROR);
			leaked.end();
			flush(context);
			assertThat(this.receiver.spans()).isEmpty();
			assertThat(statistics.droppedAbandoned()).isEqualTo(4);
		});
	}

	private static void children(Tracer tracer, Span parent, int count) {
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("child").setParent(Context.root().with(parent)).startSpan().end();
		}
	}

	private static SimpleMeterRegistry metrics(AssertableApplicationContext context) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		context.getBean(SpanExportMeterBinder.class).bindTo(registry);
		return registry;
	}

	private static void flush(AssertableApplicationContext context) {
		assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
	}

}
