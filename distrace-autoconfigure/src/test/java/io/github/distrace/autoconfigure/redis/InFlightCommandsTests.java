package io.github.distrace.autoconfigure.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands of one parent that overlap, told from commands sent one after the other.
 */
class InFlightCommandsTests {

	private final InFlightCommands inFlight = new InFlightCommands();

	private final Object parent = new Object();

	@Test
	void commandsSentOneAfterTheOtherDoNotOverlap() {
		for (int i = 0; i < 3; i++) {
			InFlightCommands.Overlap overlap = this.inFlight.sent(this.parent);
			assertThat(this.inFlight.completed(this.parent, overlap)).isFalse();
		}
		assertThat(this.inFlight.size()).isZero();
	}

	@Test
	void commandsInFlightTogetherOverlapEachOther() {
		InFlightCommands.Overlap first = this.inFlight.sent(this.parent);
		InFlightCommands.Overlap second = this.inFlight.sent(this.parent);
		assertThat(this.inFlight.completed(this.parent, first)).isTrue();
		// Sent while the second still awaited its reply, though the first has completed.
		InFlightCommands.Overlap third = this.inFlight.sent(this.parent);
		assertThat(this.inFlight.completed(this.parent, second)).isTrue();
		assertThat(this.inFlight.completed(this.parent, third)).isTrue();
		assertThat(this.inFlight.size()).isZero();
		InFlightCommands.Overlap alone = this.inFlight.sent(this.parent);
		assertThat(this.inFlight.completed(this.parent, alone)).isFalse();
	}

	@Test
	void commandsOfOtherParentsDoNotOverlap() {
		InFlightCommands.Overlap mine = this.inFlight.sent(this.parent);
		InFlightCommands.Overlap other = this.inFlight.sent(new Object());
		assertThat(this.inFlight.completed(this.parent, mine)).isFalse();
		assertThat(this.inFlight.size()).isOne();
		assertThat(other).isNotSameAs(mine);
	}

}
