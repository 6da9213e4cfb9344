package io.github.distrace.autoconfigure.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern of a command's text: the parts of its keys that hold a digit replaced, so
 * that one command over many keys is known as one.
 */
class RedisCommandPatternTests {

	@Test
	void numericPartsOfKeysAreReplaced() {
		assertThat(RedisCommandPattern.of("GET", "GET user:42")).isEqualTo("GET user:?");
		assertThat(RedisCommandPattern.of("HGETALL", "HGETALL tenant:7:user:42:profile"))
			.isEqualTo("HGETALL tenant:?:user:?:profile");
	}

	@Test
	void aPartWithADigitAnywhereIsReplacedWhole() {
		assertThat(RedisCommandPattern.of("GET", "GET session:550e8400-e29b-41d4-a716-446655440000"))
			.isEqualTo("GET session:?");
		assertThat(RedisCommandPattern.of("GET", "GET orders/2024.05/{cart7}")).isEqualTo("GET orders/?.?/{?}");
	}

	@Test
	void springCacheKeysKeepTheirCacheName() {
		assertThat(RedisCommandPattern.of("GET", "GET stock::42")).isEqualTo("GET stock::?");
	}

	@Test
	void aTextWithoutVariablePartsIsReturnedAsItIs() {
		String text = "SET user:alice ?";
		assertThat(RedisCommandPattern.of("SET", text)).isSameAs(text);
		String noArguments = "PING";
		assertThat(RedisCommandPattern.of("PING", noArguments)).isSameAs(noArguments);
	}

	@Test
	void everyKeyOfACommandIsPatterned() {
		assertThat(RedisCommandPattern.of("MGET", "MGET user:1 user:2 user:3")).isEqualTo("MGET user:? user:? user:?");
		assertThat(RedisCommandPattern.of("RENAME", "RENAME tmp:9 final:9")).isEqualTo("RENAME tmp:? final:?");
	}

	@Test
	void aScriptsNumberOfKeysIsKept() {
		assertThat(RedisCommandPattern.of("EVALSHA", "EVALSHA ? 2 rate:7 rate:8 ? ?"))
			.isEqualTo("EVALSHA ? 2 rate:? rate:? ? ?");
	}

	@Test
	void aCutTextKeepsItsEnd() {
		assertThat(RedisCommandPattern.of("MGET", "MGET user:1 us ...")).isEqualTo("MGET user:? us ...");
	}

}
