package io.github.distrace.benchmarks;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a limit on the length of attribute values costs as a span's attributes are set: a
 * server span with the attributes distrace gives the sample's overview request
 * ({@link SampleTraces}), on the SDK alone, with distrace's default limit ({@code 4096},
 * {@code distrace.limits.max-attribute-value-length}) and with none ({@code 2147483647},
 * OpenTelemetry's default). With a limit, the SDK asks of every value whether it is a
 * list, a type check that Java 17 makes by scanning the value's interfaces (since JDK 23
 * a table look-up); run it on both to see the difference.
 *
 * @author distrace
 */
public class AttributeLengthLimitBenchmark extends Settings {

	private static final int ATTRIBUTES = SampleTraces.OVERVIEW_REQUEST.size() + SampleTraces.OVERVIEW_RESPONSE.size();

	@Param({ "4096", "2147483647" })
	public int limit;

	private SdkTracerProvider tracerProvider;

	private Tracer tracer;

	@Setup
	public void start() {
		this.tracerProvider = SdkTracerProvider.builder()
			.setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(this.limit).build())
			.build();
		this.tracer = this.tracerProvider.get("benchmark");
	}

	@Benchmark
	public Span serverSpan() {
		Span span = this.tracer.spanBuilder("GET")
			.setSpanKind(SpanKind.SERVER)
			.setAllAttributes(SampleTraces.OVERVIEW_REQUEST)
			.startSpan();
		span.setAllAttributes(SampleTraces.OVERVIEW_RESPONSE);
		span.end();
		return span;
	}

	/**
	 * Check that the spans were recorded with every attribute, then shut down.
	 */
	@TearDown
	public void verify() {
		ReadableSpan span = (ReadableSpan) serverSpan();
		this.tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
		if (span.toSpanData().getAttributes().size() != ATTRIBUTES) {
			throw new IllegalStateException("Not every attribute was recorded: " + span.toSpanData().getAttributes());
		}
	}

}
