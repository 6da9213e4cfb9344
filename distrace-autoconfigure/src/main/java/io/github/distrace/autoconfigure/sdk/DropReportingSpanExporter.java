package io.github.distrace.autoconfigure.sdk;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Gives the {@link DroppedSpanReporter} its regular chance to report, on the batch span
 * processor's export thread, never on a request thread.
 *
 * @author distrace
 */
final class DropReportingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final DroppedSpanReporter reporter;

	DropReportingSpanExporter(SpanExporter delegate, DroppedSpanReporter reporter) {
		this.delegate = delegate;
		this.reporter = reporter;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		this.reporter.reportIfDue();
		return this.delegate.export(spans);
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
