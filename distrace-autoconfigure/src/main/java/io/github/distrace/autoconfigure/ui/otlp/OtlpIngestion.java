package io.github.distrace.autoconfigure.ui.otlp;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;

import io.github.distrace.autoconfigure.ui.StoredSpan;
import io.github.distrace.autoconfigure.ui.TraceStore;
import io.github.distrace.autoconfigure.ui.ViewerResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Receives OTLP/HTTP protobuf at {@code {path}/v1/traces}, so that other local services
 * can send their spans to the viewer. Requests are size-limited before and after gzip.
 * One instance serves every request.
 *
 * @author distrace
 */
final class OtlpIngestion {

	private final TraceStore store;

	private final OtlpTraceDecoder decoder;

	private final int maxRequestBytes;

	OtlpIngestion(TraceStore store, OtlpTraceDecoder decoder, int maxRequestBytes) {
		this.store = store;
		this.decoder = decoder;
		this.maxRequestBytes = maxRequestBytes;
	}

	void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String contentType = String.valueOf(request.getContentType()).toLowerCase(Locale.ROOT);
		if (!contentType.startsWith("application/x-protobuf")) {
			ViewerResponses.sendText(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
					"Only OTLP/HTTP with Content-Type application/x-protobuf is accepted");
			return;
		}
		String encoding = request.getHeader("Content-Encoding");
		boolean gzip = "gzip".equalsIgnoreCase(encoding);
		if (!gzip && encoding != null && !"identity".equalsIgnoreCase(encoding)) {
			ViewerResponses.sendText(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
					"Only gzip or no Content-Encoding is accepted");
			return;
		}
		if (request.getContentLengthLong() > this.maxRequestBytes) {
			tooLarge(response);
			return;
		}
		List<StoredSpan> spans;
		try {
			spans = this.decoder.decode(BoundedBody.read(request.getInputStream(), gzip, this.maxRequestBytes));
		}
		catch (BoundedBody.TooLargeException ex) {
			tooLarge(response);
			return;
		}
		catch (ProtoReader.MalformedProtobufException | ZipException | EOFException ex) {
			ViewerResponses.sendText(response, HttpServletResponse.SC_BAD_REQUEST,
					"Not a valid OTLP ExportTraceServiceRequest: " + ex.getMessage());
			return;
		}
		this.store.addAll(spans);
		// An empty ExportTraceServiceResponse: every span was accepted.
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/x-protobuf");
		response.setContentLength(0);
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		ViewerResponses.sendText(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
				"An OTLP request may hold at most " + this.maxRequestBytes
						+ " bytes (distrace.ui.max-request-size); send smaller batches");
	}

}
