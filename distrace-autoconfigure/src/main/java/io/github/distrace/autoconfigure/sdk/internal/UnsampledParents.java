package io.github.distrace.autoconfigure.sdk.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Whether a span whose parent was not sampled may be skipped without asking the sampler.
 * It may when the tracer provider's sampler is the SDK's parent-based sampler with its
 * default handling of unsampled parents, which drops every one of their children: all of
 * distrace's {@code parentbased_*} samplers are. Instrumentation on a hot path, such as
 * query spans, then spends nothing on the name and attributes of spans that would not be
 * recorded. With any other sampler it must ask, since that sampler may decide otherwise.
 * <p>
 * Internal: not for use outside distrace.
 *
 * @author distrace
 */
public final class UnsampledParents {

	// The SDK's ParentBasedSampler is not public; its description names each delegate.
	private static final String PARENT_BASED = "ParentBased{";

	private static final String REMOTE_PARENT_DROPPED = ",remoteParentNotSampled:"
			+ Sampler.alwaysOff().getDescription() + ",";

	private static final String LOCAL_PARENT_DROPPED = ",localParentNotSampled:" + Sampler.alwaysOff().getDescription()
			+ "}";

	private UnsampledParents() {
	}

	/**
	 * Return whether every child of an unsampled parent is dropped by the sampler of the
	 * given OpenTelemetry instance.
	 * @param openTelemetry the OpenTelemetry instance spans are made with
	 * @return {@code true} if such a child may be skipped; {@code false} if the sampler
	 * is unknown or may record such a child
	 */
	public static boolean areFollowed(OpenTelemetry openTelemetry) {
		return openTelemetry instanceof OpenTelemetrySdk sdk
				&& dropsChildrenOfUnsampledParents(sdk.getSdkTracerProvider().getSampler());
	}

	static boolean dropsChildrenOfUnsampledParents(Sampler sampler) {
		String description = sampler.getDescription();
		return description.startsWith(PARENT_BASED) && description.endsWith(LOCAL_PARENT_DROPPED)
				&& description.indexOf(REMOTE_PARENT_DROPPED) > 0;
	}

	/**
	 * Return whether the span in a context is a valid one that was not sampled.
	 * @param context the context
	 * @return whether its span is valid and not sampled
	 */
	public static boolean isUnsampled(Context context) {
		SpanContext span = Span.fromContext(context).getSpanContext();
		return span.isValid() && !span.isSampled();
	}

}
