package io.github.distrace.autoconfigure.sdk;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Measures the CPU time of the threads that export spans, for the {@code overhead} of the
 * {@code distrace} actuator endpoint: the batch span processor's thread, which hands each
 * batch to the exporters, and the threads on which exports complete (an HTTP client's own
 * threads, which write and send the request). Each such thread does nothing but export,
 * so its whole CPU time counts: read from the JVM when asked for a live thread, and as
 * last seen for one that ended. Nothing is added to the threads that serve requests.
 *
 * @author distrace
 */
final class ExportThreadsCpu {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private static final boolean SUPPORTED = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();

	// Thread id to the thread's CPU time when it last exported: a handful of threads.
	private final Map<Long, Long> exportThreads = new ConcurrentHashMap<>();

	private final LongAdder spans = new LongAdder();

	/**
	 * Return an exporter that measures the given one.
	 * @param exporter the exporter that all of distrace's export goes through
	 * @return the measuring exporter
	 */
	SpanExporter measure(SpanExporter exporter) {
		return new MeasuredSpanExporter(exporter);
	}

	/**
	 * Return how many spans were handed to the exporters.
	 * @return the number of spans since start-up
	 */
	long spans() {
		return this.spans.sum();
	}

	/**
	 * Return the CPU time that the export threads have taken.
	 * @return nanoseconds since start-up, or -1 when the JVM does not measure it
	 */
	long cpuNanos() {
		if (!SUPPORTED) {
			return -1;
		}
		long total = 0;
		for (Map.Entry<Long, Long> thread : this.exportThreads.entrySet()) {
			long now = threads.getThreadCpuTime(thread.getKey());
			total += (now >= 0) ? now : thread.getValue();
		}
		return total;
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is Java 19
	private void seen() {
		if (SUPPORTED) {
			this.exportThreads.put(Thread.currentThread().getId(), threads.getCurrentThreadCpuTime());
		}
	}

	private final class MeasuredSpanExporter implements SpanExporter {

		private final SpanExporter delegate;

		MeasuredSpanExporter(SpanExporter delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			seen();
			ExportThreadsCpu.this.spans.add(spans.size());
			CompletableResultCode result = this.delegate.export(spans);
			result.whenComplete(ExportThreadsCpu.this::seen);
			return result;
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

}
