package io.github.distrace.autoconfigure.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The consumer span of a Kafka message around an application's own interceptor: open
 * until the container announces the end, unless that interceptor drops the message or
 * throws, when no listener runs and the span ends at once.
 */
class ListenerThreadScopesTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final ListenerThreadScopes scopes = new ListenerThreadScopes();

	@AfterEach
	void closeTracerProvider() {
		this.tracerProvider.close();
	}

	@Test
	void withoutAnInterceptorTheSpanIsCurrentUntilItsEnd() {
		Span span = start();
		assertThat(this.scopes.open(scope(span), "record", null)).isEqualTo("record");
		assertThat(Span.current()).isSameAs(span);
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		this.scopes.end(null);
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
	}

	@Test
	void theInterceptorRunsInsideTheSpanAndWhatItReturnsIsHandedOn() {
		Span span = start();
		String intercepted = this.scopes.open(scope(span), "record",
				(record) -> record + " seen in " + Span.current().getSpanContext().getSpanId());
		assertThat(intercepted).isEqualTo("record seen in " + span.getSpanContext().getSpanId());
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		this.scopes.end(null);
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
	}

	@Test
	void aMessageTheInterceptorDropsEndsItsSpanAtOnce() {
		assertThat(this.scopes.open(scope(start()), "record", (record) -> null)).isNull();
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		assertThat(this.exporter.getFinishedSpanItems()).singleElement()
			.extracting((span) -> span.getStatus().getStatusCode())
			.isEqualTo(StatusCode.UNSET);
	}

	@Test
	void anInterceptorThatThrowsEndsTheSpanAsAnErrorAndTheExceptionReachesTheContainer() {
		assertThatIllegalStateException().isThrownBy(() -> this.scopes.open(scope(start()), "record", (record) -> {
			throw new IllegalStateException("rejected");
		})).withMessage("rejected");
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		assertThat(this.exporter.getFinishedSpanItems()).singleElement()
			.extracting((span) -> span.getStatus().getStatusCode())
			.isEqualTo(StatusCode.ERROR);
		this.scopes.end(null);
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
			.containsExactly("orders process");
	}

	private Span start() {
		return this.tracerProvider.get("test").spanBuilder("orders process").startSpan();
	}

	// The consumer span current in an otherwise empty context, as for a message that
	// carried none.
	private static ConsumerScope scope(Span span) {
		return ConsumerScope.open(span, Context.root().with(span));
	}

}
