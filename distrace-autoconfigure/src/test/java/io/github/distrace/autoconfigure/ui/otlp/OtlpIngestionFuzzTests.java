package io.github.distrace.autoconfigure.ui.otlp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.distrace.autoconfigure.ui.TraceStore;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.junit.jupiter.api.Tag;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The viewer's OTLP receiver under Jazzer: whatever bytes anyone on the loopback
 * interface posts to {@code {path}/v1/traces}, as they are or as a gzip stream, the
 * answer is 200, 400 (its own "not a valid OTLP request") or 413; nothing else is thrown,
 * the work allocates no more than a bounded multiple of the size limit, and it ends
 * within a second or two. Every build runs the stored inputs (requests that
 * OpenTelemetry's {@code OtlpHttpSpanExporter} really sent, plain and gzip, and the
 * corpus of a fuzzing run, under {@code OtlpIngestionFuzzTestsInputs}) in a JVM of its
 * own (tag {@code fuzz}); {@code JAZZER_FUZZ=1} makes it a fuzzing run (see
 * CONTRIBUTING.md).
 */
@Tag("fuzz")
class OtlpIngestionFuzzTests {

	private static final int MAX_REQUEST_BYTES = 64 * 1024;

	// Decoding turns every byte into at most a few objects (a two-byte attribute becomes
	// a key, a value and their map entry); far below this, and independent of what a
	// length field claims.
	private static final long MAX_ALLOCATED_BYTES = 512L * MAX_REQUEST_BYTES;

	private static final Set<Integer> ANSWERS = Set.of(200, 400, 413);

	private final TraceStore store = new TraceStore(100, 100);

	private final OtlpIngestion ingestion = new OtlpIngestion(this.store, new OtlpTraceDecoder(SpanLimits.getDefault()),
			MAX_REQUEST_BYTES);

	OtlpIngestionFuzzTests() {
		// Load every class on the way once (for plain and gzip bodies, accepted and
		// refused), so that what is measured is the work for one input, not class
		// loading.
		for (byte[] body : List.of(new byte[0], new byte[] { 0x0a, 0x00 }, new byte[] { 0x0a, 0x05 })) {
			for (boolean gzip : List.of(false, true)) {
				handle(gzip ? gzip(body) : body, gzip);
			}
		}
	}

	@FuzzTest(maxDuration = "2m")
	void protobufBodiesAreAnsweredWithinBounds(byte[] body) {
		assertAnsweredWithinBounds(body, false);
	}

	@FuzzTest(maxDuration = "2m")
	void gzipBodiesAreAnsweredWithinBounds(byte[] body) {
		assertAnsweredWithinBounds(body, true);
	}

	private void assertAnsweredWithinBounds(byte[] body, boolean gzip) {
		Answer answer = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> handle(body, gzip));
		assertThat(answer.status()).isIn(ANSWERS);
		assertThat(answer.allocatedBytes()).isLessThanOrEqualTo(MAX_ALLOCATED_BYTES);
	}

	private Answer handle(byte[] body, boolean gzip) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/distrace/v1/traces");
		request.setContentType("application/x-protobuf");
		if (gzip) {
			request.addHeader("Content-Encoding", "gzip");
		}
		request.setContent(body);
		MockHttpServletResponse response = new MockHttpServletResponse();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		try {
			this.ingestion.handle(request, response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Answer(response.getStatus(), threads.getCurrentThreadAllocatedBytes() - before);
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private record Answer(int status, long allocatedBytes) {

	}

}
