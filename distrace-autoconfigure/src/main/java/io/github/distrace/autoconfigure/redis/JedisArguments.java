package io.github.distrace.autoconfigure.redis;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import org.jspecify.annotations.Nullable;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.args.Rawable;

/**
 * The arguments of a Jedis command. Jedis holds every argument as bytes, but writes the
 * protocol's keywords ({@code EX}, {@code WITHSCORES}, {@code LIMIT}) as constants of its
 * enums, so these are told from data; the rest is read only where {@link KeyLayout} puts
 * a key.
 *
 * @author distrace
 */
final class JedisArguments implements RedisArguments {

	// The longest count that fits a long, so that a script's number of keys never
	// overflows.
	private static final int MAX_DIGITS = 18;

	private final Rawable[] arguments;

	private JedisArguments(Rawable[] arguments) {
		this.arguments = arguments;
	}

	/**
	 * Return the arguments of a command, without the command itself.
	 * @param command the command as Jedis writes it
	 * @return its arguments
	 */
	static JedisArguments of(CommandArguments command) {
		Rawable[] arguments = new Rawable[command.size() - 1];
		Iterator<Rawable> iterator = command.iterator();
		iterator.next(); // the command
		for (int index = 0; index < arguments.length; index++) {
			arguments[index] = iterator.next();
		}
		return new JedisArguments(arguments);
	}

	@Override
	public int size() {
		return this.arguments.length;
	}

	@Override
	public @Nullable String keyword(int index) {
		Rawable argument = this.arguments[index];
		return (argument instanceof Enum<?>) ? text(argument) : null;
	}

	@Override
	public String key(int index) {
		return text(this.arguments[index]);
	}

	@Override
	public long integer(int index) {
		byte[] raw = this.arguments[index].getRaw();
		if (raw.length == 0 || raw.length > MAX_DIGITS) {
			return -1;
		}
		long value = 0;
		for (byte digit : raw) {
			if (digit < '0' || digit > '9') {
				return -1;
			}
			value = value * 10 + (digit - '0');
		}
		return value;
	}

	private static String text(Rawable argument) {
		return new String(argument.getRaw(), StandardCharsets.UTF_8);
	}

}
