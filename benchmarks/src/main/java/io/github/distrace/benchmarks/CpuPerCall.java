package io.github.distrace.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

/**
 * The CPU time of the calling thread per call of a benchmark's methods, in interleaved
 * rounds: for a machine too busy for JMH's wall-clock times, since a thread's CPU clock
 * does not count the time it waits for a core. The benchmark's trial set-up
 * ({@code start}) and check ({@code verify}) run as under JMH. For example
 * {@code java -cp benchmarks.jar io.github.distrace.benchmarks.CpuPerCall
 * io.github.distrace.benchmarks.RestClientBenchmark untraced interceptor factory}.
 *
 * @author distrace
 */
public final class CpuPerCall {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private static final int CALLS = Integer.getInteger("calls", 50_000);

	private static final int ROUNDS = Integer.getInteger("rounds", 9);

	private static final int WARM_UP_ROUNDS = 6;

	private CpuPerCall() {
	}

	public static void main(String[] args) throws Exception {
		Class<?> type = Class.forName(args[0]);
		Object benchmark = type.getConstructor().newInstance();
		type.getMethod("start").invoke(benchmark);
		Method[] methods = Arrays.stream(args, 1, args.length).map((name) -> method(type, name)).toArray(Method[]::new);
		double[][] nanos = new double[methods.length][ROUNDS];
		for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
			for (int i = 0; i < methods.length; i++) {
				double perCall = perCall(benchmark, methods[i]);
				if (round >= 0) {
					nanos[i][round] = perCall;
				}
			}
		}
		for (int i = 0; i < methods.length; i++) {
			Arrays.sort(nanos[i]);
			System.out.printf(Locale.ROOT, "%s.%s: %.0f ns CPU/call (median of %d rounds, %.0f-%.0f)%n",
					type.getSimpleName(), methods[i].getName(), nanos[i][ROUNDS / 2], ROUNDS, nanos[i][0],
					nanos[i][ROUNDS - 1]);
		}
		type.getMethod("verify").invoke(benchmark);
	}

	private static Method method(Class<?> type, String name) {
		try {
			return type.getMethod(name);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException("No public method " + name + "() in " + type.getName(), ex);
		}
	}

	private static double perCall(Object benchmark, Method method)
			throws IllegalAccessException, InvocationTargetException {
		long start = threads.getCurrentThreadCpuTime();
		for (int i = 0; i < CALLS; i++) {
			method.invoke(benchmark);
		}
		return (threads.getCurrentThreadCpuTime() - start) / (double) CALLS;
	}

}
