package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The head sampler, except that a span it would drop is recorded without being sampled,
 * so that the tail decision can still keep its trace. The span's trace flags stay
 * unsampled, so calls to other services carry {@code sampled=0} as before.
 *
 * @author distrace
 */
public final class RecordingSampler implements Sampler {

	// What the SDK's own samplers return for a drop: then the shared record-only result
	// serves.
	private static final SamplingResult DROP = SamplingResult.drop();

	private static final SamplingResult RECORD_ONLY = SamplingResult.recordOnly();

	private final Sampler head;

	/**
	 * Create an instance.
	 * @param head the head sampler
	 */
	public RecordingSampler(Sampler head) {
		this.head = head;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SamplingResult result = this.head.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
		if (result.getDecision() != SamplingDecision.DROP) {
			return result;
		}
		return (result == DROP) ? RECORD_ONLY : new RecordOnly(result);
	}

	@Override
	public String getDescription() {
		return "RecordingSampler{" + this.head.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

	/**
	 * The head sampler's result, recorded rather than dropped; its attributes and trace
	 * state stay as the head sampler made them.
	 */
	private record RecordOnly(SamplingResult result) implements SamplingResult {

		@Override
		public SamplingDecision getDecision() {
			return SamplingDecision.RECORD_ONLY;
		}

		@Override
		public Attributes getAttributes() {
			return this.result.getAttributes();
		}

		@Override
		public TraceState getUpdatedTraceState(TraceState parentTraceState) {
			return this.result.getUpdatedTraceState(parentTraceState);
		}

	}

}
