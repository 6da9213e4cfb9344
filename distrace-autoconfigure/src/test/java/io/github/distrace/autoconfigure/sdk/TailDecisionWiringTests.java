package io.github.distrace.autoconfigure.sdk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.distrace.test.OtlpReceiver;
import io.github.distrace.test.ReceivedSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tail decision as the SDK auto-configuration wires it, at head ratio 0: a kept local
 * root reaches a {@code BatchSpanProcessor} of the user's own, and every span processor
 * sees why it was kept as it ends. (That a drop is reported without holding the request
 * thread is {@code DroppedSpanReporterTests}' part.)
 */
class TailDecisionWiringTests {

	private static final AttributeKey<String> KEPT = AttributeKey.stringKey("distrace.sampling.kept");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none", "distrace.sampler.type=traceidratio",
				"distrace.sampler.ratio=0.0");

	@Test
	void aUsersOwnBatchSpanProcessorExportsKeptLocalRoots() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.http()) {
			// Built as a user would, with the processor's defaults: it exports sampled
			// spans only.
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
	void everySpanProcessorSeesWhyALocalRootWasKeptAsItEnds() {
		List<String> seen = new CopyOnWriteArrayList<>();
		SpanProcessor reader = new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
			}

			@Override
			public boolean isStartRequired() {
				return false;
			}

			@Override
			public void onEnd(ReadableSpan span) {
				seen.add(span.getName() + ": " + span.getAttribute(KEPT) + ", " + span.getAttributes().get(KEPT) + ", "
						+ span.toSpanData().getAttributes().get(KEPT));
			}

			@Override
			public boolean isEndRequired() {
				return true;
			}

		};
		this.contextRunner.withBean(SpanProcessor.class, () -> reader).run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			Span failed = tracer.spanBuilder("GET /failed").startSpan();
			failed.setStatus(StatusCode.ERROR);
			failed.end();
			tracer.spanBuilder("GET /ok").startSpan().end();
			assertThat(seen).containsExactly("GET /failed: error, error, error", "GET /ok: null, null, null");
		});
	}

}
