package io.github.distrace.autoconfigure.ui;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.semconv.UrlAttributes;

/**
 * Hands every finished span of this application to the {@link TraceStore}, beside the
 * exporters. Runs on the thread that ends the span, so it only snapshots the span and
 * appends it; it never blocks on I/O. The viewer's own requests are left out, so that an
 * open viewer refreshing itself does not fill the store.
 *
 * @author distrace
 */
final class TraceStoreSpanProcessor implements SpanProcessor {

	private static final AttributeKey<String> URL_PATH = UrlAttributes.URL_PATH;

	private final TraceStore store;

	private final String viewerPath;

	TraceStoreSpanProcessor(TraceStore store, String viewerPath) {
		this.store = store;
		this.viewerPath = viewerPath;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (!isViewerRequest(span)) {
			this.store.add(span.toSpanData());
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	private boolean isViewerRequest(ReadableSpan span) {
		if (span.getKind() != SpanKind.SERVER) {
			return false;
		}
		String path = span.getAttribute(URL_PATH);
		return path != null && path.startsWith(this.viewerPath)
				&& (path.length() == this.viewerPath.length() || path.charAt(this.viewerPath.length()) == '/');
	}

}
