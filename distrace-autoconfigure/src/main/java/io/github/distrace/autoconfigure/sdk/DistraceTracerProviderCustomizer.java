package io.github.distrace.autoconfigure.sdk;

import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;

/**
 * Callback to customize the {@link SdkTracerProviderBuilder} before distrace builds the
 * tracer provider, for what properties do not cover (an id generator, a span processor
 * that must run first). Beans of this type are applied in
 * {@link org.springframework.core.annotation.Order @Order} order.
 *
 * @author distrace
 */
@FunctionalInterface
public interface DistraceTracerProviderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(SdkTracerProviderBuilder builder);

}
