package io.github.distrace.autoconfigure.sdk.sampling;

import java.time.Duration;

import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Benchmark fixture: the tail decision alone, for {@code TailSamplingBenchmark} in the
 * {@code benchmarks} module, which measures what holding spans until their local root
 * ends costs. Published only in this module's {@code benchmark-fixtures} jar, never in
 * distrace's own jar; it compiles in every build, so a change that would break the
 * benchmark fails here first.
 *
 * @author distrace
 */
public final class TailDecisionFixture {

	private TailDecisionFixture() {
	}

	/**
	 * The head sampler as distrace installs it in front of the tail decision: spans it
	 * does not sample are still recorded.
	 * @param head the configured sampler
	 * @return the recording sampler
	 */
	public static Sampler recording(Sampler head) {
		return new RecordingSampler(head);
	}

	/**
	 * The tail decision in front of an export processor, with the default rules (slow
	 * after 10 s, N+1, 10,000 spans and 32 MB held at most, two minutes), the error rule
	 * on or off.
	 * @param export the processor that exports kept spans
	 * @param keepErrors whether traces with an error are kept
	 * @return the processor that holds spans until their local root ends
	 */
	public static SpanProcessor holdingUntilRootEnds(SpanProcessor export, boolean keepErrors) {
		KeepRules rules = new KeepRules(keepErrors, Duration.ofSeconds(10), true, 10_000, 32L << 20,
				Duration.ofMinutes(2));
		return new TailSamplingSpanProcessor(export, rules, new TailSamplingStatistics(), () -> {
		});
	}

	/**
	 * Estimate the heap an ended span holds, as the tail decision does for every span it
	 * holds.
	 * @param span the span's data
	 * @return the estimate in bytes
	 */
	public static long estimatedSize(SpanData span) {
		return SpanSizes.estimate(span);
	}

}
