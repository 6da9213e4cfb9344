package io.github.distrace.benchmarks;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An exporter that only counts, so that a benchmark measures recording and queueing
 * spans, not a network, and can prove afterwards that its spans were recorded.
 *
 * @author distrace
 */
public final class CountingSpanExporter implements SpanExporter {

	private final AtomicLong exported = new AtomicLong();

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		this.exported.addAndGet(spans.size());
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	/**
	 * Return how many spans were exported.
	 * @return the count
	 */
	public long exported() {
		return this.exported.get();
	}

}
