package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpanSizes}: what each kind of attribute value adds to a span's
 * estimate.
 */
class SpanSizesTests {

	// An attribute's slot, key and box, as SpanSizes counts it.
	private static final long ATTRIBUTE = 96;

	@Test
	void aSpanWithoutAttributesIsTheSpanAlone() {
		assertThat(SpanSizes.estimate(spanData(Attributes.empty()))).isEqualTo(SpanSizes.SPAN);
	}

	@Test
	void textCountsItsCharactersAndNumbersOnlyTheirSlot() {
		Attributes attributes = Attributes.builder().put("k", "abc").put("n", 5L).put("d", 1.5).put("b", true).build();
		assertThat(SpanSizes.estimate(spanData(attributes)))
			.isEqualTo(SpanSizes.SPAN + (ATTRIBUTE + 1 + 3) + 3 * (ATTRIBUTE + 1));
	}

	@Test
	void arraysCountEachElementAndTheCharactersOfText() {
		Attributes attributes = Attributes.builder()
			.put(AttributeKey.stringArrayKey("s"), List.of("xy", "z"))
			.put(AttributeKey.longArrayKey("l"), List.of(1L, 2L))
			.build();
		long strings = ATTRIBUTE + 1 + (16 + 4 * 2) + (ATTRIBUTE / 2 + 2) + (ATTRIBUTE / 2 + 1);
		long longs = ATTRIBUTE + 1 + (16 + 4 * 2) + 2 * (ATTRIBUTE / 2);
		assertThat(SpanSizes.estimate(spanData(attributes))).isEqualTo(SpanSizes.SPAN + strings + longs);
	}

	private static SpanData spanData(Attributes attributes) {
		return TestSpanData.builder()
			.setName("span")
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(1)
			.setEndEpochNanos(2)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.build();
	}

}
