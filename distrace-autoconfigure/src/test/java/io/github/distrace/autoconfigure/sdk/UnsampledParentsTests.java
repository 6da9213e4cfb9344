package io.github.distrace.autoconfigure.sdk;

import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which samplers let a child of an unsampled parent be skipped: the test pins the SDK's
 * description of its parent-based sampler, which {@link UnsampledParents} reads.
 */
class UnsampledParentsTests {

	@ParameterizedTest
	@EnumSource(SamplerType.class)
	void everyParentBasedSamplerOfDistraceIsFollowedAndNoOther(SamplerType type) {
		DistraceProperties.Sampler properties = new DistraceProperties.Sampler();
		properties.setType(type);
		boolean parentBased = type.name().startsWith("PARENTBASED_");
		assertThat(UnsampledParents.areFollowed(sdk(SdkComponents.sampler(properties)))).isEqualTo(parentBased);
	}

	@Test
	void parentBasedSamplerThatRecordsChildrenOfUnsampledParentsIsNotFollowed() {
		assertThat(UnsampledParents.areFollowed(sdk(
				Sampler.parentBasedBuilder(Sampler.alwaysOn()).setLocalParentNotSampled(Sampler.alwaysOn()).build())))
			.isFalse();
		assertThat(UnsampledParents.areFollowed(sdk(Sampler.parentBasedBuilder(Sampler.alwaysOn())
			.setRemoteParentNotSampled(Sampler.traceIdRatioBased(0.5))
			.build()))).isFalse();
	}

	@Test
	void samplerOfAnOpenTelemetryThatIsNotTheSdkIsUnknown() {
		assertThat(UnsampledParents.areFollowed(OpenTelemetry.noop())).isFalse();
	}

	@Test
	void onlyAValidUnsampledSpanIsUnsampled() {
		assertThat(UnsampledParents.isUnsampled(Context.root())).isFalse();
		assertThat(UnsampledParents.isUnsampled(context(TraceFlags.getSampled()))).isFalse();
		assertThat(UnsampledParents.isUnsampled(context(TraceFlags.getDefault()))).isTrue();
	}

	private static Context context(TraceFlags flags) {
		return Context.root()
			.with(Span.wrap(SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
					flags, TraceState.getDefault())));
	}

	private static OpenTelemetry sdk(Sampler sampler) {
		return OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder().setSampler(sampler).build())
			.build();
	}

}
