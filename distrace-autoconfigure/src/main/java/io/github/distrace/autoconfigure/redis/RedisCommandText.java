package io.github.distrace.autoconfigure.redis;

/**
 * The {@code db.query.text} of a Redis command: its name, its keys and the protocol's
 * keywords, with every other argument replaced by {@code ?}, such as
 * {@code SET user:42 ? EX ?}. Which arguments are keys comes from {@link KeyLayout}; an
 * argument it does not name as a key is a value, so that no value ever reaches a span,
 * whatever the command ({@code AUTH}, {@code HELLO}, a script's arguments).
 *
 * @author distrace
 */
final class RedisCommandText {

	// A command with thousands of keys (an MGET of a whole page) still makes a short
	// text.
	static final int MAX_LENGTH = 1024;

	private static final String TRUNCATED = " ...";

	private RedisCommandText() {
	}

	/**
	 * Return the text of a command.
	 * @param command the command's name, such as {@code GET}
	 * @param arguments its arguments
	 * @return the command with its keys and keywords, values replaced by {@code ?}
	 */
	static String of(String command, RedisArguments arguments) {
		int size = arguments.size();
		if (size == 0) {
			return command;
		}
		KeyLayout layout = KeyLayout.of(command);
		long scriptKeys = (layout == KeyLayout.SCRIPT && size > 1) ? arguments.integer(1) : -1;
		StringBuilder text = new StringBuilder(command.length() + 8 * size).append(command);
		for (int index = 0; index < size; index++) {
			if (text.length() >= MAX_LENGTH) {
				return text.append(TRUNCATED).toString();
			}
			text.append(' ');
			String keyword = arguments.keyword(index);
			if (keyword != null) {
				text.append(keyword);
			}
			else if (layout == KeyLayout.SCRIPT && index == 1 && scriptKeys >= 0) {
				text.append(scriptKeys);
			}
			else if (isKey(layout, index, size, scriptKeys)) {
				String key = arguments.key(index);
				int room = MAX_LENGTH - text.length();
				if (key.length() > room) {
					return text.append(key, 0, room).append(TRUNCATED).toString();
				}
				text.append(key);
			}
			else {
				text.append('?');
			}
		}
		return text.toString();
	}

	private static boolean isKey(KeyLayout layout, int index, int size, long scriptKeys) {
		return switch (layout) {
			case NONE -> false;
			case FIRST -> index == 0;
			case FIRST_TWO -> index < 2;
			case ALL -> true;
			case ALL_BUT_LAST -> index < size - 1;
			case ALTERNATING -> index % 2 == 0;
			// Without a readable number of keys, nothing after the script is known to be
			// one.
			case SCRIPT -> index >= 2 && index < 2 + scriptKeys;
		};
	}

}
