package io.github.distrace.autoconfigure.redis;

import java.util.List;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.SetParams;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code db.query.text} of commands, built from Jedis' own argument lists as its
 * command objects fill them: keys and keywords kept, every value a {@code ?}.
 */
class JedisArgumentsTests {

	private static final String SECRET = "s3cr3t-value";

	private final CommandObjects commands = new CommandObjects();

	@Test
	void setKeepsTheKeyAndItsKeywordsAndHidesTheValueAndTheExpiry() {
		assertThat(text(this.commands.set("user:42", SECRET, SetParams.setParams().ex(60).nx()).getArguments()))
			.isEqualTo("SET user:42 ? NX EX ?");
	}

	@Test
	void msetKeepsTheKeysOnly() {
		assertThat(text(this.commands.mset("a:1", SECRET, "b:2", SECRET).getArguments())).isEqualTo("MSET a:1 ? b:2 ?");
	}

	@Test
	void aScriptShowsItsNumberOfKeysAndItsKeysOnly() {
		assertThat(text(
				this.commands.eval("return '" + SECRET + "'", List.of("k1", "k2"), List.of(SECRET)).getArguments()))
			.isEqualTo("EVAL ? 2 k1 k2 ?");
	}

	@Test
	void credentialsAreNeverShown() {
		assertThat(text(new CommandArguments(Protocol.Command.AUTH).add("admin").add(SECRET))).isEqualTo("AUTH ? ?");
		assertThat(text(this.commands.configSet("requirepass", SECRET).getArguments())).isEqualTo("CONFIG SET ? ?");
	}

	@Test
	void aCommandWithoutArgumentsIsItsName() {
		assertThat(text(this.commands.ping().getArguments())).isEqualTo("PING");
	}

	private static String text(CommandArguments command) {
		return RedisCommandText.of(command.getCommand().toString(), JedisArguments.of(command));
	}

}
