package io.github.distrace.autoconfigure.redis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ReflectionUtils;

/**
 * The arguments of a Lettuce command. Lettuce keeps them in a list whose elements tell
 * keys, values, keywords and integers apart but that it does not expose; they are read
 * through handles found once. If a Lettuce version no longer has them, commands are shown
 * by name only.
 *
 * @author distrace
 */
final class LettuceArguments implements RedisArguments {

	/**
	 * The class whose fields are read, named here so that it can be looked for without
	 * loading this class.
	 */
	static final String COMMAND_ARGS = "io.lettuce.core.protocol.CommandArgs";

	private static final @Nullable Handles HANDLES = Handles.find();

	private final List<?> arguments;

	private LettuceArguments(List<?> arguments) {
		this.arguments = arguments;
	}

	/**
	 * Return the arguments of a command, if they can be read.
	 * @param args the command's arguments, or {@code null} for a command without any
	 * @return the arguments, or {@code null} if they cannot be read
	 */
	static @Nullable RedisArguments of(@Nullable CommandArgs<?, ?> args) {
		Handles handles = HANDLES;
		if (handles == null) {
			return null;
		}
		if (args == null) {
			return new LettuceArguments(List.of());
		}
		return new LettuceArguments((List<?>) handles.arguments.get(args));
	}

	/**
	 * Return the fields read through the handles, for a native image's reflection hints.
	 * @return the fields this Lettuce version has
	 */
	static List<Field> readFields() {
		List<Field> fields = new ArrayList<>();
		addField(fields, CommandArgs.class, "singularArguments");
		for (String[] field : new String[][] { { "KeyArgument", "key" }, { "KeyArgument", "codec" },
				{ "ProtocolKeywordArgument", "protocolKeyword" }, { "IntegerArgument", "val" } }) {
			try {
				addField(fields, Handles.type(field[0]), field[1]);
			}
			catch (ClassNotFoundException ex) {
				// Not in this Lettuce version: commands are shown by name only.
			}
		}
		return fields;
	}

	private static void addField(List<Field> fields, Class<?> owner, String name) {
		Field field = ReflectionUtils.findField(owner, name);
		if (field != null) {
			fields.add(field);
		}
	}

	@Override
	public int size() {
		return this.arguments.size();
	}

	@Override
	public @Nullable String keyword(int index) {
		Handles handles = handles();
		Object argument = this.arguments.get(index);
		if (argument.getClass() == handles.keywordType) {
			ProtocolKeyword keyword = (ProtocolKeyword) handles.keyword.get(argument);
			return keyword.toString();
		}
		return null;
	}

	@Override
	public String key(int index) {
		Handles handles = handles();
		Object argument = this.arguments.get(index);
		if (argument.getClass() != handles.keyType) {
			return "?"; // Lettuce holds no key here: show nothing of it
		}
		Object key = handles.key.get(argument);
		if (key instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (key instanceof String text) {
			return text;
		}
		@SuppressWarnings("unchecked")
		ByteBuffer encoded = ((RedisCodec<Object, ?>) handles.codec.get(argument)).encodeKey(key);
		return StandardCharsets.UTF_8.decode(encoded).toString();
	}

	@Override
	public long integer(int index) {
		Handles handles = handles();
		Object argument = this.arguments.get(index);
		return (argument.getClass() == handles.integerType) ? (long) handles.integer.get(argument) : -1;
	}

	// Kept in a constant, which the JIT folds, rather than in each instance: there is
	// an instance only where the handles were found (see of).
	private static Handles handles() {
		return Objects.requireNonNull(HANDLES);
	}

	private record Handles(VarHandle arguments, Class<?> keyType, VarHandle key, VarHandle codec, Class<?> keywordType,
			VarHandle keyword, Class<?> integerType, VarHandle integer) {

		static @Nullable Handles find() {
			try {
				Class<?> keyType = type("KeyArgument");
				Class<?> keywordType = type("ProtocolKeywordArgument");
				Class<?> integerType = type("IntegerArgument");
				return new Handles(field(CommandArgs.class, "singularArguments", List.class), keyType,
						field(keyType, "key", Object.class), field(keyType, "codec", RedisCodec.class), keywordType,
						field(keywordType, "protocolKeyword", ProtocolKeyword.class), integerType,
						field(integerType, "val", long.class));
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		private static VarHandle field(Class<?> owner, String name, Class<?> type) throws ReflectiveOperationException {
			return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
		}

		private static Class<?> type(String name) throws ClassNotFoundException {
			return Class.forName(CommandArgs.class.getName() + "$" + name, false, CommandArgs.class.getClassLoader());
		}

	}

}
