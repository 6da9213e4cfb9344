package io.github.distrace.autoconfigure.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParentTests {

	@ParameterizedTest
	@ValueSource(strings = { "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
			"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future-field",
			"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" })
	void acceptsValidValues(String value) {
		assertThat(TraceParent.isValid(value)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
			"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
			"00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
			"0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7" })
	void rejectsInvalidValues(String value) {
		assertThat(TraceParent.isValid(value)).isFalse();
	}

}
