package io.github.distrace.benchmarks;

import io.github.distrace.Traced;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * The method each variant of {@link AnnotationBenchmark} calls: small, so that what is
 * measured is the tracing around it.
 *
 * @author distrace
 */
public class Work {

	/**
	 * The work itself.
	 * @param value an input
	 * @return a result
	 */
	public long work(long value) {
		return Long.rotateLeft(value * 0x9E3779B97F4A7C15L, 17) ^ value;
	}

	/**
	 * {@link #work} traced with distrace's annotation.
	 */
	public static class TracedWork extends Work {

		@Override
		@Traced
		public long work(long value) {
			return super.work(value);
		}

	}

	/**
	 * {@link #work} traced with OpenTelemetry's annotation.
	 */
	public static class WithSpanWork extends Work {

		@Override
		@WithSpan
		public long work(long value) {
			return super.work(value);
		}

	}

}
