package io.github.distrace.autoconfigure.sdk;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one processor the SDK sees: every stage is called at the points of a span's life it
 * asks for, in order, so that the export, last, sees what the stages before it added.
 */
class DistraceSpanProcessorTests {

	private final SpanStartCounter counter = new SpanStartCounter();

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final List<String> calls = new ArrayList<>();

	@Test
	void callsEachStageWhereItAsksToBeCalledInOrderAndCountsStartedSpans() {
		Stage first = new Stage("first", true, false, true);
		Stage second = new Stage("second", false, true, false);
		DistraceSpanProcessor processor = new DistraceSpanProcessor(this.counter,
				List.of(first, second, SimpleSpanProcessor.create(this.exporter)), UnaryOperator.identity());
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
			tracerProvider.get("test").spanBuilder("one").startSpan().end();
			tracerProvider.get("test").spanBuilder("two").startSpan().end();
			assertThat(this.counter.started()).isEqualTo(2);
			assertThat(this.calls).containsExactly("first start", "second ending", "first end", "first start",
					"second ending", "first end");
			List<SpanData> exported = this.exporter.getFinishedSpanItems();
			assertThat(exported).extracting(SpanData::getName).containsExactly("one", "two");
			// What a stage added as the span ended reached the export after it.
			assertThat(exported).allSatisfy((span) -> assertThat(span.getAttributes().asMap())
				.containsEntry(AttributeKey.stringKey("first"), "start")
				.containsEntry(AttributeKey.stringKey("second"), "ending"));
		}
	}

	@Test
	void everyStageSeesAnEndedSpanAsTheTailDecisionHandsItOn() {
		Stage first = new Stage("first", false, false, true);
		Stage second = new Stage("second", false, false, true);
		List<ReadableSpan> decided = new ArrayList<>();
		UnaryOperator<ReadableSpan> tailDecision = (span) -> {
			this.calls.add("decision");
			// Another object than the SDK's span, as the tail decision returns for a kept
			// local root.
			ReadableSpan marked = (ReadableSpan) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { ReadableSpan.class }, (proxy, method, args) -> method.invoke(span, args));
			decided.add(marked);
			return marked;
		};
		DistraceSpanProcessor processor = new DistraceSpanProcessor(this.counter, List.of(first, second), tailDecision);
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
			tracerProvider.get("test").spanBuilder("one").startSpan().end();
			assertThat(this.calls).containsExactly("decision", "first end", "second end");
			assertThat(decided).hasSize(1);
			assertThat(first.ended).singleElement().isSameAs(decided.get(0));
			assertThat(second.ended).singleElement().isSameAs(decided.get(0));
		}
	}

	@Test
	void asksTheSdkOnlyForThePointsThatAStageNeeds() {
		DistraceSpanProcessor startOnly = new DistraceSpanProcessor(this.counter,
				List.of(new Stage("start", true, false, false)), UnaryOperator.identity());
		assertThat(startOnly.isStartRequired()).isTrue();
		assertThat(startOnly.isOnEndingRequired()).isFalse();
		assertThat(startOnly.isEndRequired()).isFalse();
		// Counting alone needs the start of every span.
		DistraceSpanProcessor none = new DistraceSpanProcessor(this.counter, List.of(), UnaryOperator.identity());
		assertThat(none.isStartRequired()).isTrue();
		assertThat(none.isEndRequired()).isFalse();
	}

	@Test
	void flushesAndShutsDownEveryStage() {
		Stage stage = new Stage("stage", false, false, false);
		DistraceSpanProcessor processor = new DistraceSpanProcessor(this.counter,
				List.of(stage, SimpleSpanProcessor.create(this.exporter)), UnaryOperator.identity());
		assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(processor.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(this.calls).containsExactly("stage flush", "stage shutdown");
		// The exporter was shut down with its processor: it takes no more spans.
		assertThat(this.exporter.export(List.of()).isSuccess()).isFalse();
	}

	private final class Stage implements ExtendedSpanProcessor {

		private final String name;

		private final boolean start;

		private final boolean ending;

		private final boolean end;

		private final List<ReadableSpan> ended = new ArrayList<>();

		Stage(String name, boolean start, boolean ending, boolean end) {
			this.name = name;
			this.start = start;
			this.ending = ending;
			this.end = end;
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			DistraceSpanProcessorTests.this.calls.add(this.name + " start");
			span.setAttribute(this.name, "start");
		}

		@Override
		public boolean isStartRequired() {
			return this.start;
		}

		@Override
		public void onEnding(ReadWriteSpan span) {
			DistraceSpanProcessorTests.this.calls.add(this.name + " ending");
			span.setAttribute(this.name, "ending");
		}

		@Override
		public boolean isOnEndingRequired() {
			return this.ending;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			DistraceSpanProcessorTests.this.calls.add(this.name + " end");
			this.ended.add(span);
		}

		@Override
		public boolean isEndRequired() {
			return this.end;
		}

		@Override
		public CompletableResultCode forceFlush() {
			DistraceSpanProcessorTests.this.calls.add(this.name + " flush");
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			DistraceSpanProcessorTests.this.calls.add(this.name + " shutdown");
			return CompletableResultCode.ofSuccess();
		}

	}

}
