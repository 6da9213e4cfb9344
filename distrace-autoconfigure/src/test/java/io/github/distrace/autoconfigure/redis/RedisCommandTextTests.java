package io.github.distrace.autoconfigure.redis;

import java.nio.charset.StandardCharsets;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code db.query.text} of commands, built from Lettuce's own argument lists as its
 * command builders fill them: keys and keywords kept, every value a {@code ?}.
 */
class RedisCommandTextTests {

	private static final String SECRET = "s3cr3t-value";

	@Test
	void setKeepsTheKeyAndHidesTheValue() {
		CommandArgs<String, String> args = strings().addKey("user:42").addValue(SECRET);
		assertThat(text("SET", args)).isEqualTo("SET user:42 ?");
	}

	@Test
	void keywordsAreKeptAndNumbersHidden() {
		// A keyword of Lettuce 6 and 7 alike (Spring Boot 4.0 and 4.1): Lettuce 6 writes
		// SET's EX as a plain string, which is hidden like any other argument.
		CommandArgs<String, String> args = strings().addKey("leaderboard")
			.add(0)
			.add(-1)
			.add(CommandKeyword.WITHSCORES);
		assertThat(text("ZRANGE", args)).isEqualTo("ZRANGE leaderboard ? ? WITHSCORES");
	}

	@Test
	void byteArrayKeysOfSpringDataRedisAreShownAsText() {
		CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE)
			.addKey("cart:7".getBytes(StandardCharsets.UTF_8))
			.addValue(SECRET.getBytes(StandardCharsets.UTF_8));
		assertThat(text("SET", args)).isEqualTo("SET cart:7 ?");
	}

	@Test
	void hashFieldsAndTheirValuesAreHidden() {
		CommandArgs<String, String> args = strings().addKey("user:42").addKey("email").addValue(SECRET);
		assertThat(text("HSET", args)).isEqualTo("HSET user:42 ? ?");
	}

	@Test
	void msetKeepsKeysAndHidesValues() {
		CommandArgs<String, String> args = strings().addKey("a").addValue(SECRET).addKey("b").addValue(SECRET);
		assertThat(text("MSET", args)).isEqualTo("MSET a ? b ?");
	}

	@Test
	void everyKeyOfMgetIsKept() {
		assertThat(text("MGET", strings().addKeys("a", "b", "c"))).isEqualTo("MGET a b c");
	}

	@Test
	void evalKeepsItsKeysAndHidesTheScriptAndItsArguments() {
		CommandArgs<String, String> args = strings().add("return redis.call('SET', KEYS[1], ARGV[1])")
			.add(2)
			.addKeys("k1", "k2")
			.addValues(SECRET, SECRET);
		assertThat(text("EVAL", args)).isEqualTo("EVAL ? 2 k1 k2 ? ?");
	}

	@Test
	void authAndHelloShowNoCredentials() {
		assertThat(text("AUTH", strings().add("default").add(SECRET.toCharArray()))).isEqualTo("AUTH ? ?");
		CommandArgs<String, String> hello = strings().add(3).add(CommandType.AUTH).add("default").add(SECRET);
		assertThat(text("HELLO", hello)).isEqualTo("HELLO ? AUTH ? ?");
	}

	@Test
	void anArgumentLettuceHoldsAsAKeyIsHiddenWhereTheCommandHasNoKey() {
		// Spring Data's connection.execute(...) hands every argument over as a key.
		assertThat(text("CONFIG", strings().addKeys("SET", "requirepass", SECRET))).isEqualTo("CONFIG ? ? ?");
	}

	@Test
	void anUnknownCommandShowsNoArgument() {
		assertThat(text("MYMODULE.PUT", strings().addKey("k").addValue(SECRET).add(SECRET)))
			.isEqualTo("MYMODULE.PUT ? ? ?");
	}

	@Test
	void anArgumentAtAKeyPositionThatLettuceHoldsAsAValueIsHidden() {
		assertThat(text("GET", strings().addValue(SECRET))).isEqualTo("GET ?");
	}

	@Test
	void aCommandWithoutArgumentsIsItsName() {
		assertThat(text("MULTI", null)).isEqualTo("MULTI");
		assertThat(text("PING", strings())).isEqualTo("PING");
	}

	@Test
	void aCommandWithManyKeysIsCutShort() {
		CommandArgs<String, String> args = strings();
		for (int i = 0; i < 1000; i++) {
			args.addKey("product:" + i);
		}
		String text = text("MGET", args);
		assertThat(text).startsWith("MGET product:0 product:1 ").endsWith(" ...");
		assertThat(text.length()).isLessThanOrEqualTo(RedisCommandText.MAX_LENGTH + " ...".length());
		String huge = "k".repeat(5000);
		assertThat(text("GET", strings().addKey(huge))).hasSize(RedisCommandText.MAX_LENGTH + " ...".length());
	}

	@Test
	void commandTypeKeywordsAreKept() {
		CommandArgs<String, String> args = strings().addKey("k")
			.add(CommandType.GET)
			.add("u8")
			.add(0)
			.add(CommandType.INCRBY)
			.add("u8")
			.add(100)
			.add(1);
		assertThat(text("BITFIELD", args)).isEqualTo("BITFIELD k GET ? ? INCRBY ? ? ?");
		CommandArgs<String, String> range = strings().addKey("scores").add(0).add(-1).add(CommandKeyword.WITHSCORES);
		assertThat(text("ZRANGE", range)).isEqualTo("ZRANGE scores ? ? WITHSCORES");
	}

	private static String text(String command, @Nullable CommandArgs<?, ?> args) {
		RedisArguments arguments = LettuceArguments.of(args);
		assertThat(arguments).as("Lettuce's arguments are readable").isNotNull();
		return RedisCommandText.of(command, arguments);
	}

	private static CommandArgs<String, String> strings() {
		return new CommandArgs<>(StringCodec.UTF8);
	}

}
