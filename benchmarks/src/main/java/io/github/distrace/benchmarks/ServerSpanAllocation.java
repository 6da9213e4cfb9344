package io.github.distrace.benchmarks;

import java.lang.management.ManagementFactory;

import com.sun.management.ThreadMXBean;

/**
 * Bytes that one request allocates on its own thread, through the servlet server span
 * filter and through the WebFlux one, each against the same request without the filter
 * ({@link ServerSpanFilterBenchmark} and {@link WebFluxServerSpanBenchmark}, called
 * directly). JMH's {@code -prof gc} divides what every thread allocated by the operations
 * done, so on a busy machine, where few operations are done, the export thread's
 * allocation and the rest of the JVM's weigh on it; the calling thread's own count, the
 * lowest of five rounds after a warm-up, does not move with the load. Run with
 * {@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.github.distrace.benchmarks.ServerSpanAllocation}.
 *
 * @author distrace
 */
public final class ServerSpanAllocation {

	private static final int CALLS = 100_000;

	private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private ServerSpanAllocation() {
	}

	public static void main(String[] args) throws Exception {
		ServerSpanFilterBenchmark servlet = new ServerSpanFilterBenchmark();
		servlet.start();
		WebFluxServerSpanBenchmark webFlux = new WebFluxServerSpanBenchmark();
		webFlux.start();
		double servletExtra = bytesPerCall(servlet::filter) - bytesPerCall(servlet::noFilter);
		double webFluxExtra = bytesPerCall(webFlux::filter) - bytesPerCall(webFlux::noFilter);
		servlet.verify();
		webFlux.verify();
		System.out.printf("servlet filter: +%.0f B a request%n", servletExtra);
		System.out.printf("WebFlux filter: +%.0f B a request, %.2f times the servlet filter's%n", webFluxExtra,
				webFluxExtra / servletExtra);
	}

	private static double bytesPerCall(Call call) throws Exception {
		for (int i = 0; i < 2 * CALLS; i++) {
			call.run();
		}
		long lowest = Long.MAX_VALUE;
		for (int round = 0; round < 5; round++) {
			long before = THREADS.getCurrentThreadAllocatedBytes();
			for (int i = 0; i < CALLS; i++) {
				call.run();
			}
			lowest = Math.min(lowest, THREADS.getCurrentThreadAllocatedBytes() - before);
		}
		return (double) lowest / CALLS;
	}

	/**
	 * One call of a benchmark method.
	 */
	@FunctionalInterface
	private interface Call {

		Object run() throws Exception;

	}

}
