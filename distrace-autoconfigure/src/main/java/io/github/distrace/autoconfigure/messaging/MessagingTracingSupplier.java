package io.github.distrace.autoconfigure.messaging;

import java.util.function.Supplier;

import io.github.distrace.autoconfigure.sdk.internal.LocalRootContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * Resolves the tracer and propagators on first use: post-processors are created before
 * the beans they need.
 *
 * @author distrace
 */
final class MessagingTracingSupplier {

	private MessagingTracingSupplier() {
	}

	static Supplier<MessagingTracing> of(ObjectProvider<Tracer> tracer, ObjectProvider<OpenTelemetry> openTelemetry,
			ObjectProvider<LocalRootContext> localRoot) {
		return SingletonSupplier.of(() -> new MessagingTracing(tracer.getObject(),
				openTelemetry.getObject().getPropagators().getTextMapPropagator(),
				localRoot.getIfUnique(() -> LocalRootContext.NONE)));
	}

}
