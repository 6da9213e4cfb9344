package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs how many spans the batch span processor dropped because its queue was full, which
 * the processor itself does silently: at most once a minute while the application runs,
 * and once more on shutdown.
 *
 * @author distrace
 */
final class DroppedSpanReporter {

	private static final Log logger = LogFactory.getLog(DroppedSpanReporter.class);

	private static final long REPORT_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private final SpanExportStatistics statistics;

	private final int maxQueueSize;

	private long reportedDrops;

	private long lastReportNanos = System.nanoTime() - REPORT_INTERVAL_NANOS;

	DroppedSpanReporter(SpanExportStatistics statistics, int maxQueueSize) {
		this.statistics = statistics;
		this.maxQueueSize = maxQueueSize;
	}

	/**
	 * Report new drops, unless the last report is less than a minute old.
	 */
	synchronized void reportIfDue() {
		if (System.nanoTime() - this.lastReportNanos >= REPORT_INTERVAL_NANOS) {
			reportNow();
		}
	}

	/**
	 * Report new drops now.
	 */
	synchronized void reportNow() {
		long dropped = this.statistics.droppedSpans();
		if (dropped > this.reportedDrops) {
			logger.warn((dropped - this.reportedDrops) + " spans were dropped because the export queue was full ("
					+ dropped + " since start-up). Spans end faster than they can be exported: check the exporter, "
					+ "or raise distrace.batch.max-queue-size (now " + this.maxQueueSize + ").");
			this.reportedDrops = dropped;
			this.lastReportNanos = System.nanoTime();
		}
	}

}
