package io.github.distrace.autoconfigure.redis;

/**
 * The kind of a Redis error reply, for {@code error.type}.
 *
 * @author distrace
 */
final class RedisErrors {

	private static final int MAX_KIND_LENGTH = 32;

	private RedisErrors() {
	}

	/**
	 * Return the kind of an error reply: its first word when that is a code in capitals
	 * ({@code ERR}, {@code WRONGTYPE}, {@code NOSCRIPT}), else {@code ERR}.
	 * @param reply the error reply, such as {@code WRONGTYPE Operation against a key ...}
	 * @return its kind
	 */
	static String kind(String reply) {
		int end = 0;
		while (end < reply.length() && end <= MAX_KIND_LENGTH && isCodeCharacter(reply.charAt(end))) {
			end++;
		}
		boolean code = end > 0 && end <= MAX_KIND_LENGTH && (end == reply.length() || reply.charAt(end) == ' ');
		return code ? reply.substring(0, end) : "ERR";
	}

	private static boolean isCodeCharacter(char character) {
		return (character >= 'A' && character <= 'Z') || character == '_';
	}

}
