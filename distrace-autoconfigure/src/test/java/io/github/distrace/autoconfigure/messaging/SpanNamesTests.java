package io.github.distrace.autoconfigure.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Span names per destination, made once for the first destinations and every time for the
 * others.
 */
class SpanNamesTests {

	private final SpanNames names = new SpanNames("send");

	@Test
	void aDestinationFollowsTheOperation() {
		assertThat(this.names.of("orders")).isEqualTo("send orders");
	}

	@Test
	void aDestinationSeenBeforeGetsTheSameName() {
		assertThat(this.names.of(new String("orders"))).isSameAs(this.names.of(new String("orders")));
	}

	@Test
	void withoutADestinationTheNameIsTheOperation() {
		assertThat(this.names.of("")).isEqualTo("send");
	}

	@Test
	void destinationsBeyondTheCachedOnesAreStillNamed() {
		for (int i = 0; i < SpanNames.MAX_CACHED; i++) {
			this.names.of("reply-" + i);
		}
		String name = this.names.of("amq.gen-last");
		assertThat(name).isEqualTo("send amq.gen-last");
		assertThat(this.names.of("amq.gen-last")).isNotSameAs(name).isEqualTo(name);
	}

}
