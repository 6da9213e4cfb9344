package io.github.distrace.autoconfigure.jdbc;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How bind values are shown on a span.
 */
class BindValuesTests {

	@Test
	void valuesAreShownAsText() {
		assertThat(BindValues.text("paid")).isEqualTo("paid");
		assertThat(BindValues.text(42)).isEqualTo("42");
		assertThat(BindValues.text(new BigDecimal("12.50"))).isEqualTo("12.50");
		assertThat(BindValues.text(new byte[] { 1, (byte) 0xab })).isEqualTo("0x01ab");
	}

	@Test
	void longValuesAreCutAt256Characters() {
		assertThat(BindValues.text("x".repeat(1000))).hasSize(256);
		assertThat(BindValues.text(new byte[1000])).hasSize(256);
		String emoji = "x".repeat(255) + "\uD83D\uDE00";
		assertThat(BindValues.text(emoji)).isEqualTo("x".repeat(255));
	}

	@Test
	void streamsReadersAndLobsAreShownAsTheirTypeOnly() {
		assertThat(BindValues.text(new ByteArrayInputStream(new byte[] { 1 }))).isEqualTo("<InputStream>");
		assertThat(BindValues.text(new StringReader("secret"))).isEqualTo("<Reader>");
	}

	@Test
	void aValueWhoseTextFailsIsShownAsItsType() {
		Object value = new Object() {
			@Override
			public String toString() {
				throw new IllegalStateException("no");
			}
		};
		assertThat(BindValues.text(value)).isEqualTo("<" + value.getClass().getName() + ">");
	}

	@Test
	void valuesBindAgainUnlessAStreamWasSet() {
		BindValues values = new BindValues();
		values.set(1, 5);
		values.set(3, null);
		assertThat(values.canBindAgain()).isTrue();
		values.set(2, new StringReader("text"));
		assertThat(values.canBindAgain()).isFalse();
		values.clear();
		assertThat(values.canBindAgain()).isTrue();
	}

}
