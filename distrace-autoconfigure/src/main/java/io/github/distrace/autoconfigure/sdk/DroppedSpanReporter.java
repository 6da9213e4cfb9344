package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.distrace.autoconfigure.sdk.sampling.TailSamplingStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.unit.DataSize;

/**
 * Logs how many spans were dropped, which happens silently otherwise: by the batch span
 * processor because its queue was full, and by the tail decision because its buffer held
 * too many spans or bytes, or a local root never ended. At most once a minute while the
 * application runs, and once more on shutdown. A thread that drops spans while serving a
 * request never waits for the report: neither for another thread that is writing one, nor
 * for a log appender; the lines are written by the export thread or by a thread of the
 * reporter's own.
 *
 * @author distrace
 */
final class DroppedSpanReporter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DroppedSpanReporter.class);

	private static final long REPORT_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	private final SpanExportStatistics statistics;

	private final TailSamplingStatistics tailStatistics;

	private final int maxQueueSize;

	private final int maxBufferedSpans;

	private final DataSize maxMemory;

	private final Duration maxDuration;

	private long reportedDrops;

	private long reportedBufferFull;

	private long reportedMemoryFull;

	private long reportedAbandoned;

	private volatile long lastReportNanos = System.nanoTime() - REPORT_INTERVAL_NANOS;

	private final ReentrantLock reporting = new ReentrantLock();

	// Started on the first report handed to it, and ended after a minute without one; at
	// most one report waits for it, more would say the same.
	private final ThreadPoolExecutor writer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.MINUTES,
			new ArrayBlockingQueue<>(1), DroppedSpanReporter::writerThread, new ThreadPoolExecutor.DiscardPolicy());

	DroppedSpanReporter(SpanExportStatistics statistics, TailSamplingStatistics tailStatistics,
			DistraceProperties properties) {
		this.statistics = statistics;
		this.tailStatistics = tailStatistics;
		this.maxQueueSize = properties.getBatch().getMaxQueueSize();
		this.maxBufferedSpans = properties.getSampler().getKeep().getMaxBufferedSpans();
		this.maxMemory = properties.getSampler().getKeep().getMaxMemory();
		this.maxDuration = properties.getSampler().getKeep().getMaxDuration();
	}

	/**
	 * Have new drops reported on the reporter's own thread, unless the last report is
	 * less than a minute old. For threads that serve requests: it only hands the report
	 * over, so it neither waits for a report being written nor writes a line itself.
	 */
	void reportSoon() {
		if (isDue()) {
			this.writer.execute(this::reportIfDue);
		}
	}

	/**
	 * Report new drops, unless the last report is less than a minute old or another
	 * thread is reporting them.
	 */
	void reportIfDue() {
		if (isDue() && this.reporting.tryLock()) {
			try {
				if (isDue()) {
					report();
				}
			}
			finally {
				this.reporting.unlock();
			}
		}
	}

	/**
	 * Report new drops now.
	 */
	void reportNow() {
		this.reporting.lock();
		try {
			report();
		}
		finally {
			this.reporting.unlock();
		}
	}

	@Override
	public void close() {
		this.writer.shutdown();
	}

	private boolean isDue() {
		return System.nanoTime() - this.lastReportNanos >= REPORT_INTERVAL_NANOS;
	}

	private void report() {
		long dropped = this.statistics.droppedSpans();
		if (dropped > this.reportedDrops) {
			logger.warn((dropped - this.reportedDrops) + " spans were dropped because the export queue was full ("
					+ dropped + " since start-up). Spans end faster than they can be exported: check the exporter, "
					+ "or raise distrace.batch.max-queue-size (now " + this.maxQueueSize + ").");
			this.reportedDrops = dropped;
			this.lastReportNanos = System.nanoTime();
		}
		long bufferFull = this.tailStatistics.droppedBufferFull();
		if (bufferFull > this.reportedBufferFull) {
			logger.warn((bufferFull - this.reportedBufferFull) + " spans of traces not sampled yet were dropped "
					+ "before their tail decision because its buffer was full (" + bufferFull + " since start-up). "
					+ "Raise distrace.sampler.keep.max-buffered-spans (now " + this.maxBufferedSpans
					+ "), or sample a larger share at the head.");
			this.reportedBufferFull = bufferFull;
			this.lastReportNanos = System.nanoTime();
		}
		long memoryFull = this.tailStatistics.droppedMemoryFull();
		if (memoryFull > this.reportedMemoryFull) {
			logger.warn((memoryFull - this.reportedMemoryFull) + " spans of traces not sampled yet were dropped "
					+ "before their tail decision because the spans held took more memory than "
					+ "distrace.sampler.keep.max-memory (" + text(this.maxMemory) + ", " + memoryFull
					+ " since start-up). Raise it, or sample a larger share at the head.");
			this.reportedMemoryFull = memoryFull;
			this.lastReportNanos = System.nanoTime();
		}
		long abandoned = this.tailStatistics.droppedAbandoned();
		if (abandoned > this.reportedAbandoned) {
			logger.warn((abandoned - this.reportedAbandoned) + " spans of traces not sampled yet were given up "
					+ "because their local root span was still open after distrace.sampler.keep.max-duration ("
					+ this.maxDuration + "): a span that is started and never ended (" + abandoned
					+ " since start-up).");
			this.reportedAbandoned = abandoned;
			this.lastReportNanos = System.nanoTime();
		}
	}

	// As it would be written in the property (DataSize writes bytes alone).
	private static String text(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + "MB";
		}
		return (bytes % DataSize.ofKilobytes(1).toBytes() == 0) ? size.toKilobytes() + "KB" : bytes + "B";
	}

	private static Thread writerThread(Runnable task) {
		Thread thread = new Thread(task, "distrace-dropped-span-report");
		thread.setDaemon(true);
		return thread;
	}

}
