package io.github.distrace.autoconfigure.redis;

import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * The fields of Lettuce's command arguments that {@link LettuceArguments} reads, to show
 * keys and keywords without rendering values.
 *
 * @author distrace
 */
class LettuceRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(LettuceArguments.COMMAND_ARGS, classLoader)) {
			for (Field field : LettuceArguments.readFields()) {
				hints.reflection().registerField(field);
			}
		}
	}

}
