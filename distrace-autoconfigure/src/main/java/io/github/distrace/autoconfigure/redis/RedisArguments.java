package io.github.distrace.autoconfigure.redis;

import org.jspecify.annotations.Nullable;

/**
 * The arguments of one Redis command, as a client holds them: read only where
 * {@link RedisCommandText} decides that an argument may be shown, so that a value is
 * never even turned into text.
 *
 * @author distrace
 */
interface RedisArguments {

	int size();

	/**
	 * Return the argument if the client marks it as a keyword of the protocol (such as
	 * {@code EX}, {@code NX}, {@code WITHSCORES}), which is never data.
	 * @param index the argument's index
	 * @return the keyword, or {@code null} if the argument is not one
	 */
	@Nullable String keyword(int index);

	/**
	 * Return the text of an argument that is a key.
	 * @param index the argument's index
	 * @return the key as text
	 */
	String key(int index);

	/**
	 * Return an argument that the client holds as an integer, such as a script's number
	 * of keys.
	 * @param index the argument's index
	 * @return the integer, or -1 if the argument is not one
	 */
	long integer(int index);

}
