package io.github.distrace.autoconfigure.context;

import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@link Distrace} bean as an application uses it.
 */
class DistraceSpanTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceContextAutoConfiguration.class))
		.withUserConfiguration(InMemorySpans.class)
		.withPropertyValues("distrace.exporter=none");

	@Test
	void spanIsCurrentInsideBlockAndCarriesTagsAndEvents() {
		this.contextRunner.run((context) -> {
			Distrace distrace = context.getBean(Distrace.class);
			assertThat(distrace.currentTraceId()).isEmpty();
			String traceId;
			try (TraceSpan span = distrace.span("database_query")) {
				traceId = span.traceId();
				assertThat(traceId).hasSize(32).isEqualTo(distrace.currentTraceId());
				assertThat(span.spanId()).hasSize(16).isEqualTo(Span.current().getSpanContext().getSpanId());
				span.tag("query_status", "success").tag("rows", 3L).tag("ratio", 0.5).tag("cached", true);
				span.event("fetched");
			}
			assertThat(distrace.currentTraceId()).isEmpty();
			SpanData data = InMemorySpans.span(context, "database_query");
			assertThat(data.getTraceId()).isEqualTo(traceId);
			assertThat(data.getAttributes().get(AttributeKey.stringKey("query_status"))).isEqualTo("success");
			assertThat(data.getAttributes().get(AttributeKey.longKey("rows"))).isEqualTo(3L);
			assertThat(data.getAttributes().get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.5);
			assertThat(data.getAttributes().get(AttributeKey.booleanKey("cached"))).isTrue();
			assertThat(data.getEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getName()).isEqualTo("fetched"));
		});
	}

	@Test
	void nestedSpansNestAndClosingTwiceIsHarmless() {
		this.contextRunner.run((context) -> {
			Distrace distrace = context.getBean(Distrace.class);
			try (TraceSpan outer = distrace.span("outer")) {
				TraceSpan inner = distrace.span("inner");
				inner.close();
				inner.close();
				assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(outer.spanId());
				try (TraceSpan sibling = distrace.span("sibling")) {
					sibling.tag("n", 1L);
				}
			}
			assertThat(InMemorySpans.spans(context)).hasSize(3);
			SpanData outer = InMemorySpans.span(context, "outer");
			assertThat(InMemorySpans.span(context, "inner").getParentSpanId()).isEqualTo(outer.getSpanId());
			assertThat(InMemorySpans.span(context, "sibling").getParentSpanId()).isEqualTo(outer.getSpanId());
			assertThat(outer.getParentSpanContext().isValid()).isFalse();
		});
	}

	@Test
	void errorRecordsExceptionAndStatus() {
		this.contextRunner.run((context) -> {
			try (TraceSpan span = context.getBean(Distrace.class).span("failing")) {
				span.error(new IllegalStateException("no rows"));
			}
			SpanData data = InMemorySpans.span(context, "failing");
			assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(data.getStatus().getDescription()).isEqualTo("no rows");
			assertThat(data.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
				.isEqualTo(IllegalStateException.class.getName());
		});
	}

	@Test
	void rejectsEmptyName() {
		this.contextRunner.run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(Distrace.class).span(" "))
			.withMessageContaining("Span name"));
	}

	@Test
	void isNoOpWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			Distrace distrace = context.getBean(Distrace.class);
			try (TraceSpan span = distrace.span("ignored")) {
				span.tag("k", "v").event("e").error(new IllegalStateException());
				assertThat(span.traceId()).isEmpty();
				assertThat(span.spanId()).isEmpty();
				assertThat(distrace.currentTraceId()).isEmpty();
			}
			assertThat(InMemorySpans.spans(context)).isEmpty();
		});
	}

}
