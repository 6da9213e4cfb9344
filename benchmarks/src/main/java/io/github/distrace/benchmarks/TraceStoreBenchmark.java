package io.github.distrace.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.ui.TraceStore;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Spans inserted per second into the viewer's store, at its default size (1000 traces),
 * with four times as many traces arriving as it keeps, so that it is always overflowing
 * and dropping its oldest trace. Memory per stored span: {@link TraceStoreMemory}.
 *
 * @author distrace
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TraceStoreBenchmark extends Settings {

	private final TraceStore store = new TraceStore(1000, 500);

	private List<SpanData> spans;

	private int next;

	@Setup(Level.Trial)
	public void start() {
		this.spans = new SampleTraces().traces(4000);
	}

	@Benchmark
	public TraceStore add() {
		this.store.add(this.spans.get(this.next));
		this.next = (this.next + 1) % this.spans.size();
		return this.store;
	}

}
