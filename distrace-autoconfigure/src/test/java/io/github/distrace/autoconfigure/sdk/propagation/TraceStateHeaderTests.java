package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.Map;

import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The W3C Trace Context Level 2 grammar of {@code tracestate}, member by member; the
 * whole path through a real server is in {@code TraceContextConformanceTests}.
 */
class TraceStateHeaderTests {

	@ParameterizedTest
	@ValueSource(strings = { "foo", "0foo", "foo@", "foo@@bar", "foo@bar@baz", "a_-*/@0", "t@vvvvvvvvvvvvvvv" })
	void keysOfTheLevelTwoGrammarAreKept(String key) {
		assertThat(TraceStateHeader.parse(key + "=1,bar=2").asMap()).containsExactly(entry(key, "1"),
				entry("bar", "2"));
	}

	@Test
	void keysOfTwoHundredFiftySixCharactersAreKeptAndLongerOnesDropTheList() {
		String longest = "t".repeat(241) + "@" + "v".repeat(14);
		assertThat(TraceStateHeader.parse("foo=1," + longest + "=1").get(longest)).isEqualTo("1");
		assertThat(TraceStateHeader.parse("foo=1," + "z".repeat(257) + "=1").isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "@foo=1,bar=2", "FOO=1,bar=2", "foo.bar=1,bar=2", "foo =1,bar=2", "foo=bar=baz",
			"foo=,bar=3", "foo,bar=2", "foo=a\u00e9", "foo=a\u0001" })
	void anInvalidMemberDropsTheWholeList(String header) {
		assertThat(TraceStateHeader.parse(header)).isEqualTo(TraceState.getDefault());
	}

	@Test
	void emptyMembersAndWhitespaceAreSkipped() {
		assertThat(TraceStateHeader.parse(",foo=1 \t, ,\tbar=2,").asMap()).containsExactly(entry("foo", "1"),
				entry("bar", "2"));
		assertThat(TraceStateHeader.parse(" \t ,").isEmpty()).isTrue();
	}

	@Test
	void aRepeatedKeyKeepsItsFirstValue() {
		assertThat(TraceStateHeader.parse("foo=1,bar=2,foo=3").asMap()).containsExactly(entry("foo", "1"),
				entry("bar", "2"));
	}

	@Test
	void thirtyTwoMembersAreKeptAndThirtyThreeDropTheList() {
		assertThat(TraceStateHeader.parse(members(32)).size()).isEqualTo(32);
		assertThat(TraceStateHeader.parse(members(33)).isEmpty()).isTrue();
	}

	@Test
	void builderPutsNewMembersFirstByTheSameRules() {
		TraceState state = TraceStateHeader.parse("foo@=1,bar=2")
			.toBuilder()
			.put("new@", "x")
			.put("BAD", "y")
			.put("bar", "3")
			.remove("foo@")
			.build();
		assertThat(state.asMap()).containsExactly(entry("bar", "3"), entry("new@", "x"));
	}

	private static String members(int count) {
		StringBuilder members = new StringBuilder();
		for (int i = 0; i < count; i++) {
			members.append((i > 0) ? "," : "").append("k").append(i).append("=v");
		}
		return members.toString();
	}

	private static Map.Entry<String, String> entry(String key, String value) {
		return Map.entry(key, value);
	}

}
