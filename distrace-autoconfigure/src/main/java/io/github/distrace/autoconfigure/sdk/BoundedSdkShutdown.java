package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Shuts the SDK down when the application context closes: queued spans are flushed, but
 * for no longer than {@code distrace.shutdown-timeout}. Without the bound, a collector
 * that accepts connections and never answers holds shutdown for the exporter's timeout
 * and every retry, 30 to 45 seconds with the SDK's defaults.
 *
 * @author distrace
 */
final class BoundedSdkShutdown implements DisposableBean {

	private static final Log logger = LogFactory.getLog(BoundedSdkShutdown.class);

	private final OpenTelemetrySdk sdk;

	private final SpanExportStatistics statistics;

	private final DroppedSpanReporter droppedSpanReporter;

	private final Duration timeout;

	BoundedSdkShutdown(OpenTelemetrySdk sdk, SpanExportStatistics statistics, DroppedSpanReporter droppedSpanReporter,
			Duration timeout) {
		this.sdk = sdk;
		this.statistics = statistics;
		this.droppedSpanReporter = droppedSpanReporter;
		this.timeout = timeout;
	}

	@Override
	public void destroy() {
		CompletableResultCode result = this.sdk.shutdown().join(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!result.isDone()) {
			logger.warn("Span export did not finish within distrace.shutdown-timeout (" + this.timeout
					+ "); spans still queued were dropped. Is the collector answering?");
		}
		this.droppedSpanReporter.reportNow();
		this.statistics.close();
	}

}
