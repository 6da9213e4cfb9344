// What JdbcMetricsBenchmark.listener costs in CPU time rather than wall time, for a machine
// that others load: a thread that waits for a core is not charged. Run after packaging the
// benchmarks (see CONTRIBUTING.md):
//   jshell -R-Xms1g -R-Xmx1g --class-path benchmarks/target/benchmarks.jar benchmarks/listener-cpu-time.jsh
import io.github.distrace.benchmarks.JdbcMetricsBenchmark;

var threads = java.lang.management.ManagementFactory.getThreadMXBean();

// The best of five rounds of 20 million calls, in picoseconds per call, after three rounds of warm-up.
long picosPerCall(String metrics) throws Exception {
	var benchmark = new JdbcMetricsBenchmark();
	benchmark.metrics = metrics;
	benchmark.start();
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 20_000_000; i++) {
			benchmark.listener();
		}
	}
	long best = Long.MAX_VALUE;
	for (int round = 0; round < 5; round++) {
		long start = threads.getCurrentThreadCpuTime();
		for (int i = 0; i < 20_000_000; i++) {
			benchmark.listener();
		}
		best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 20_000L);
	}
	benchmark.verify();
	return best;
}

for (int pass = 0; pass < 2; pass++) {
	for (String metrics : new String[] { "off", "on", "noHistogram" }) {
		System.out.printf("%-12s %6.1f ns per query (CPU time)%n", metrics, picosPerCall(metrics) / 1000.0);
	}
}
/exit
