package io.github.distrace.autoconfigure.redis;

/**
 * The pattern of a Redis command's text: its keys with their variable parts replaced by
 * {@code ?}, such as {@code GET user:?} for {@code GET user:42}, so that one command run
 * in a loop over different keys is known as one (an N+1, one row in the viewer's Queries
 * view). A key is cut into parts at {@code :}, {@code /}, {@code .}, {@code #},
 * {@code |}, {@code ,}, {@code =}, {@code @}, braces and brackets; a part that holds a
 * digit (an id, a number, a UUID) is variable. Read from the text, which holds no value,
 * so that a pattern cannot hold one either.
 *
 * @author distrace
 */
final class RedisCommandPattern {

	private RedisCommandPattern() {
	}

	/**
	 * Return the pattern of a command's text.
	 * @param command the command's name, such as {@code GET}
	 * @param text its {@code db.query.text}, as {@link RedisCommandText} made it
	 * @return the pattern, or the very same text if nothing in it is variable
	 */
	static String of(String command, String text) {
		int start = command.length();
		if (!hasDigit(text, start)) {
			return text; // the common case of fixed keys costs one scan
		}
		// A script's number of keys is a count, not a part of a key: kept.
		boolean script = KeyLayout.of(command) == KeyLayout.SCRIPT;
		StringBuilder pattern = new StringBuilder(text.length()).append(text, 0, start);
		int argument = -1;
		int part = start;
		boolean variable = false;
		for (int index = start; index <= text.length(); index++) {
			char c = (index < text.length()) ? text.charAt(index) : ' ';
			if (c == ' ' || isSeparator(c)) {
				if (variable) {
					pattern.append('?');
				}
				else {
					pattern.append(text, part, index);
				}
				if (index < text.length()) {
					pattern.append(c);
				}
				if (c == ' ') {
					argument++;
				}
				part = index + 1;
				variable = false;
			}
			else if (c >= '0' && c <= '9' && !(script && argument == 1)) {
				variable = true;
			}
		}
		return pattern.toString();
	}

	private static boolean hasDigit(String text, int from) {
		for (int index = from; index < text.length(); index++) {
			char c = text.charAt(index);
			if (c >= '0' && c <= '9') {
				return true;
			}
		}
		return false;
	}

	private static boolean isSeparator(char c) {
		return switch (c) {
			case ':', '/', '.', '#', '|', ',', '=', '@', '{', '}', '[', ']' -> true;
			default -> false;
		};
	}

}
