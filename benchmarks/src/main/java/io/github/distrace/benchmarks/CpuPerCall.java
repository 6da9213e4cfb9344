package io.github.distrace.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.sun.management.ThreadMXBean;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time of the calling thread per call of a benchmark's methods, and the bytes it
 * allocated, in interleaved rounds: for a machine too busy for JMH's wall-clock times,
 * since a thread's CPU clock does not count the time it waits for a core (nor does its
 * allocation count what other threads allocate, as JMH's {@code -prof gc} does). The
 * benchmark's set-up and tear-down methods run as under JMH, those of its trial once,
 * those of an iteration around each round. For example
 * {@code java -cp benchmarks.jar io.github.distrace.benchmarks.CpuPerCall
 * io.github.distrace.benchmarks.RestClientBenchmark untraced interceptor factory}. A
 * benchmark's {@code @Param} field is set with a system property {@code param.<field>},
 * such as {@code -Dparam.insight=on}.
 *
 * @author distrace
 */
public final class CpuPerCall {

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private static final int CALLS = Integer.getInteger("calls", 50_000);

	private static final int ROUNDS = Integer.getInteger("rounds", 9);

	private static final int WARM_UP_ROUNDS = 6;

	private static final String PARAM = "param.";

	private CpuPerCall() {
	}

	public static void main(String[] args) throws Exception {
		Class<?> type = Class.forName(args[0]);
		Object benchmark = type.getConstructor().newInstance();
		setParams(type, benchmark);
		invokeAll(benchmark, setUps(type, Level.Trial));
		List<Method> iterationSetUps = setUps(type, Level.Iteration);
		List<Method> iterationTearDowns = tearDowns(type, Level.Iteration);
		Method[] methods = Arrays.stream(args, 1, args.length).map((name) -> method(type, name)).toArray(Method[]::new);
		double[][] nanos = new double[methods.length][ROUNDS];
		double[][] bytes = new double[methods.length][ROUNDS];
		for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
			for (int i = 0; i < methods.length; i++) {
				invokeAll(benchmark, iterationSetUps);
				long cpuBefore = threads.getCurrentThreadCpuTime();
				long bytesBefore = threads.getCurrentThreadAllocatedBytes();
				callRepeatedly(benchmark, methods[i]);
				if (round >= 0) {
					nanos[i][round] = (threads.getCurrentThreadCpuTime() - cpuBefore) / (double) CALLS;
					bytes[i][round] = (threads.getCurrentThreadAllocatedBytes() - bytesBefore) / (double) CALLS;
				}
				invokeAll(benchmark, iterationTearDowns);
			}
		}
		for (int i = 0; i < methods.length; i++) {
			Arrays.sort(nanos[i]);
			Arrays.sort(bytes[i]);
			System.out.printf(Locale.ROOT, "%s.%s: %.0f ns CPU/call (median of %d rounds, %.0f-%.0f), %.0f B/call%n",
					type.getSimpleName(), methods[i].getName(), nanos[i][ROUNDS / 2], ROUNDS, nanos[i][0],
					nanos[i][ROUNDS - 1], bytes[i][ROUNDS / 2]);
		}
		invokeAll(benchmark, tearDowns(type, Level.Trial));
	}

	// JMH's set-up and tear-down methods of one level, as JMH runs them: a round here is
	// an iteration.
	private static List<Method> setUps(Class<?> type, Level level) {
		return Arrays.stream(type.getMethods())
			.filter((method) -> method.isAnnotationPresent(Setup.class)
					&& method.getAnnotation(Setup.class).value() == level)
			.toList();
	}

	private static List<Method> tearDowns(Class<?> type, Level level) {
		return Arrays.stream(type.getMethods())
			.filter((method) -> method.isAnnotationPresent(TearDown.class)
					&& method.getAnnotation(TearDown.class).value() == level)
			.toList();
	}

	private static void invokeAll(Object benchmark, List<Method> methods)
			throws IllegalAccessException, InvocationTargetException {
		for (Method method : methods) {
			method.invoke(benchmark);
		}
	}

	private static void setParams(Class<?> type, Object benchmark) throws IllegalAccessException {
		for (String property : System.getProperties().stringPropertyNames()) {
			if (property.startsWith(PARAM)) {
				String name = property.substring(PARAM.length());
				try {
					Field field = type.getField(name);
					String value = System.getProperty(property);
					field.set(benchmark, (field.getType() == int.class) ? Integer.valueOf(value) : value);
				}
				catch (NoSuchFieldException ex) {
					throw new IllegalArgumentException("No public field " + name + " in " + type.getName(), ex);
				}
			}
		}
	}

	private static Method method(Class<?> type, String name) {
		try {
			return type.getMethod(name);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException("No public method " + name + "() in " + type.getName(), ex);
		}
	}

	private static void callRepeatedly(Object benchmark, Method method)
			throws IllegalAccessException, InvocationTargetException {
		for (int i = 0; i < CALLS; i++) {
			method.invoke(benchmark);
		}
	}

}
