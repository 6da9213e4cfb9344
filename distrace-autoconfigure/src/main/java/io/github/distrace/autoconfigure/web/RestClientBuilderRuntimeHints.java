package io.github.distrace.autoconfigure.web;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * The proxy that {@link TracingRestClientBuilders} makes of each {@code RestClient}
 * builder Boot hands out, and the builder's methods it calls through reflection.
 *
 * @author distrace
 */
class RestClientBuilderRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent("org.springframework.web.client.RestClient", classLoader)) {
			return;
		}
		hints.proxies().registerJdkProxy(RestClient.Builder.class);
		hints.reflection().registerType(RestClient.Builder.class, MemberCategory.INVOKE_PUBLIC_METHODS);
	}

}
