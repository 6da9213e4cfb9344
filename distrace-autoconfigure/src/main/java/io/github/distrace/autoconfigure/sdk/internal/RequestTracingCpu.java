package io.github.distrace.autoconfigure.sdk.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Measures the CPU time that tracing takes on the threads that serve requests, for the
 * {@code overhead} of the {@code distrace} actuator endpoint. One servlet request in
 * {@value #SAMPLE_EVERY}, picked at random, is measured: on it, each section of
 * distrace's code that runs on the request thread (the server span's start and end, the
 * request's baggage scope, each query span's start and end, each {@code @Traced} span's
 * start and end, with the SDK and the span processors they call) reads the thread's CPU
 * clock as it enters and leaves. Any other request pays one counter increment and one
 * random number when it starts, and one read of a shared count per section (a
 * thread-local look-up too while another request is being measured).
 * <p>
 * Reading a thread's CPU clock is a system call, costlier than all the rest (a few
 * hundred nanoseconds, microseconds on a busy virtual machine), so a measured request
 * reads it only when a section starts and ends, and the cost of a reading itself, taken
 * off each section, is measured again on one measured request in
 * {@value #CALIBRATE_EVERY}, as the fastest of {@value #CALIBRATION_READINGS} readings.
 * Requests are picked at random and counted in a {@link LongAdder}, so that request
 * threads on different cores do not all write one counter.
 * <p>
 * The sections are distrace's entry points, not the methods below them; one entered while
 * another is open is part of that one, and counts once. What runs on other threads (an
 * asynchronous request's end, an {@code @Async} method) is not measured. The mean covers
 * the latest {@value #WINDOW} measured requests, so that the interpreted, not yet
 * compiled, code of the first requests after start-up leaves it. Static, so that the hot
 * path reads no bean: the counter and the measurements are the JVM's, and two
 * applications in one JVM share them.
 * <p>
 * Internal: public only so that distrace's feature packages can report their sections;
 * may change in any release.
 *
 * @author distrace
 */
public final class RequestTracingCpu {

	/**
	 * Measure one request in this many: a power of two.
	 */
	public static final int SAMPLE_EVERY = 128;

	/**
	 * Number of measured requests that the mean covers.
	 */
	public static final int WINDOW = 128;

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private static final boolean SUPPORTED = threads.isCurrentThreadCpuTimeSupported()
			&& threads.isThreadCpuTimeEnabled();

	private static final int CALIBRATE_EVERY = 16;

	private static final int CALIBRATION_READINGS = 4;

	private static final LongAdder requests = new LongAdder();

	// What one reading of the clock costs, as last measured; written racily, any recent
	// value will do.
	private static long readingNanos = -1;

	private static int calibrations;

	private static final ThreadLocal<Measurement> current = new ThreadLocal<>();

	// The requests being measured now, on any thread. While there are none, as for most
	// sections, entering one reads this count and nothing else: the thread-local look-up
	// it saves was 0.1 % of the load test's CPU, missing the first slot of the busy
	// thread-local maps of Tomcat's threads.
	private static final AtomicInteger measuring = new AtomicInteger();

	private static final long[] latest = new long[WINDOW];

	private static int next;

	private static int measured;

	private static long sum;

	private RequestTracingCpu() {
	}

	/**
	 * Count a request that starts on this thread, and measure it if it is picked.
	 * @return whether it is measured; pass it to {@link #endRequest(boolean)}
	 */
	public static boolean startRequest() {
		requests.increment();
		if (!SUPPORTED || (ThreadLocalRandom.current().nextInt() & (SAMPLE_EVERY - 1)) != 0) {
			return false;
		}
		current.set(new Measurement());
		measuring.incrementAndGet();
		return true;
	}

	/**
	 * Enter a section of tracing code on a measured request.
	 * @return the mark to pass to {@link #exit(long)}; negative when nothing is measured
	 */
	public static long enter() {
		if (measuring.get() == 0) {
			return -1;
		}
		Measurement measurement = current.get();
		if (measurement == null || measurement.inSection) {
			return -1;
		}
		measurement.inSection = true;
		measurement.sections++;
		long mark = threads.getCurrentThreadCpuTime();
		// A virtual thread has no CPU clock of its own: -1.
		if (mark < 0) {
			measurement.unmeasurable = true;
		}
		return mark;
	}

	/**
	 * Leave a section entered with {@link #enter()}.
	 * @param mark what {@code enter} returned
	 */
	public static void exit(long mark) {
		if (mark < 0) {
			return;
		}
		long now = threads.getCurrentThreadCpuTime();
		Measurement measurement = current.get();
		if (measurement != null) {
			measurement.nanos += now - mark;
			measurement.inSection = false;
		}
	}

	/**
	 * End the request that {@link #startRequest()} started on this thread.
	 * @param measured what {@code startRequest} returned
	 */
	public static void endRequest(boolean measured) {
		if (!measured) {
			return;
		}
		measuring.decrementAndGet();
		Measurement measurement = current.get();
		current.remove();
		if (measurement != null && !measurement.unmeasurable) {
			// Each section's reading includes about one reading of the clock: taken off.
			record(Math.max(0, measurement.nanos - measurement.sections * readingNanos()));
		}
	}

	private static long readingNanos() {
		long nanos = readingNanos;
		if (nanos < 0 || (++calibrations % CALIBRATE_EVERY) == 0) {
			nanos = fastestReading(threads::getCurrentThreadCpuTime, CALIBRATION_READINGS);
			readingNanos = nanos;
		}
		return nanos;
	}

	/**
	 * Measure what one reading of a clock costs: the fastest of a few consecutive ones.
	 * One reading alone is now and then interrupted (on a busy machine a context switch
	 * costs the thread microseconds of CPU), and taken off every section of the next
	 * {@value #CALIBRATE_EVERY} measured requests it would make them seem nearly free.
	 * @param clock the clock
	 * @param readings how many readings to time
	 * @return the cost of the fastest
	 */
	static long fastestReading(LongSupplier clock, int readings) {
		long fastest = Long.MAX_VALUE;
		long previous = clock.getAsLong();
		for (int i = 0; i < readings; i++) {
			long now = clock.getAsLong();
			fastest = Math.min(fastest, now - previous);
			previous = now;
		}
		return fastest;
	}

	private static synchronized void record(long nanos) {
		sum += nanos - latest[next];
		latest[next] = nanos;
		next = (next + 1) % WINDOW;
		measured = Math.min(measured + 1, WINDOW);
	}

	/**
	 * Return what was measured so far.
	 * @return the requests counted, and the mean of the latest measured ones
	 */
	public static synchronized Snapshot snapshot() {
		return new Snapshot(requests.sum(), measured, (measured > 0) ? sum / measured : null, SUPPORTED);
	}

	/**
	 * What the request threads' tracing cost.
	 *
	 * @param requests the requests counted since start-up
	 * @param measuredRequests how many measured requests the mean covers
	 * @param cpuNanosPerRequest the mean CPU time of tracing per measured request, or
	 * {@code null} before the first
	 * @param supported whether the JVM measures a thread's CPU time
	 */
	public record Snapshot(long requests, int measuredRequests, @Nullable Long cpuNanosPerRequest, boolean supported) {

	}

	private static final class Measurement {

		private long nanos;

		private int sections;

		private boolean inSection;

		private boolean unmeasurable;

	}

}
