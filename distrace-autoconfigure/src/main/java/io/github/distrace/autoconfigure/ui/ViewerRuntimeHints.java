package io.github.distrace.autoconfigure.ui;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The viewer's page, script and style sheet, which {@link ViewerEndpoints} reads from the
 * class path: a native image holds only the resources it is told of.
 *
 * @author distrace
 */
class ViewerRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(ViewerEndpoints.RESOURCES + "*");
	}

}
