package io.github.distrace.autoconfigure.sdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Asks the batch span processor for the semantic-convention self-monitoring metrics
 * ({@code otel.sdk.processor.span.processed}) where the SDK offers them. Spring Boot 4.0
 * manages OpenTelemetry 1.55, whose builder has no {@code setInternalTelemetryVersion}: a
 * direct call would fail start-up with a {@link NoSuchMethodError}, so it is looked up
 * once, and an older processor keeps reporting its legacy {@code processedSpans} metric,
 * which {@link SpanExportStatistics} reads as well.
 *
 * @author distrace
 */
final class BatchProcessorTelemetry {

	private static final @Nullable MethodHandle SET_VERSION = findSetVersion();

	private BatchProcessorTelemetry() {
	}

	static BatchSpanProcessorBuilder latest(BatchSpanProcessorBuilder builder) {
		if (SET_VERSION != null) {
			try {
				return (BatchSpanProcessorBuilder) SET_VERSION.invoke(builder, InternalTelemetryVersion.LATEST);
			}
			catch (Throwable ex) {
				throw new IllegalStateException("Cannot set the batch span processor's telemetry version", ex);
			}
		}
		return builder;
	}

	private static @Nullable MethodHandle findSetVersion() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(BatchSpanProcessorBuilder.class, "setInternalTelemetryVersion",
						MethodType.methodType(BatchSpanProcessorBuilder.class, InternalTelemetryVersion.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

}
