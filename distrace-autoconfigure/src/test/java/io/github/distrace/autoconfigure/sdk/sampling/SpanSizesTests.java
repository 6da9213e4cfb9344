package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpanSizes}: what each kind of attribute value adds to a span's
 * estimate.
 */
class SpanSizesTests {

	// An attribute's slot, key and box, as SpanSizes counts it.
	private static final long ATTRIBUTE = 96;

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();

	@Test
	void aSpanWithoutAttributesIsTheSpanAlone() {
		assertThat(SpanSizes.estimate(spanData(span()))).isEqualTo(SpanSizes.SPAN);
	}

	@Test
	void textCountsItsCharactersAndNumbersOnlyTheirSlot() {
		Span span = span().setAttribute("k", "abc")
			.setAttribute("n", 5L)
			.setAttribute("d", 1.5)
			.setAttribute("b", true);
		assertThat(SpanSizes.estimate(spanData(span)))
			.isEqualTo(SpanSizes.SPAN + (ATTRIBUTE + 1 + 3) + 3 * (ATTRIBUTE + 1));
	}

	@Test
	void arraysCountEachElementAndTheCharactersOfText() {
		Span span = span().setAttribute(AttributeKey.stringArrayKey("s"), List.of("xy", "z"))
			.setAttribute(AttributeKey.longArrayKey("l"), List.of(1L, 2L));
		long strings = ATTRIBUTE + 1 + (16 + 4 * 2) + (ATTRIBUTE / 2 + 2) + (ATTRIBUTE / 2 + 1);
		long longs = ATTRIBUTE + 1 + (16 + 4 * 2) + 2 * (ATTRIBUTE / 2);
		assertThat(SpanSizes.estimate(spanData(span))).isEqualTo(SpanSizes.SPAN + strings + longs);
	}

	private Span span() {
		// A root whatever context another test of the same JVM left current.
		return this.tracerProvider.get("test").spanBuilder("span").setNoParent().startSpan();
	}

	private static SpanData spanData(Span span) {
		span.end();
		return ((ReadableSpan) span).toSpanData();
	}

}
