package io.github.distrace.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * What OpenTelemetry's OTLP exporter spends turning spans into protobuf, the part of
 * exporting that an exporter of distrace's own could cut (issue 27): a batch of the
 * sample's overview requests, seven spans each with the attributes distrace gives them
 * ({@link SampleTraces#overviewRequests}), encoded as the exporter encodes a batch in its
 * default memory mode ({@code REUSABLE_DATA}: one pass to size every message, one to
 * write it), against the floor of any encoder, {@code writeEncoded}: the same batch's
 * bytes, encoded beforehand, written to the same stream. Times are per batch of
 * {@link #REQUESTS} requests (511 spans, about the batch processor's 512).
 *
 * @author distrace
 */
public class OtlpEncodingBenchmark extends Settings {

	static final int REQUESTS = 73;

	private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();

	// The exporter's sender writes into a buffer it keeps, as this stream, reset for
	// each batch.
	private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

	private List<SpanData> batch;

	private byte[] encoded;

	@Setup(Level.Trial)
	public void encodeOnce() throws IOException {
		this.batch = SampleTraces.overviewRequests(REQUESTS);
		encode();
		this.encoded = this.out.toByteArray();
	}

	@Benchmark
	public int encode() throws IOException {
		this.out.reset();
		this.marshaler.initialize(this.batch);
		try {
			this.marshaler.writeBinaryTo(this.out);
		}
		finally {
			this.marshaler.reset();
		}
		return this.out.size();
	}

	@Benchmark
	public int writeEncoded() {
		this.out.reset();
		this.out.write(this.encoded, 0, this.encoded.length);
		return this.out.size();
	}

}
