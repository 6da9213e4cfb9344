package io.github.distrace.autoconfigure.ui.otlp;

import java.io.IOException;

import io.github.distrace.autoconfigure.ui.ViewerAccess;
import io.github.distrace.autoconfigure.ui.ViewerResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves OTLP/HTTP at {@code {path}/v1/traces}, beside the viewer's own servlet and, like
 * it, only from and to the loopback address unless {@code distrace.ui.allow-remote} is
 * set. A browser's write from another origin is refused in any case: no page of another
 * site may add spans to the viewer.
 *
 * @author distrace
 */
final class OtlpReceiverServlet extends HttpServlet {

	private final transient OtlpIngestion ingestion;

	private final transient ViewerAccess access;

	OtlpReceiverServlet(OtlpIngestion ingestion, boolean allowRemote) {
		this.ingestion = ingestion;
		this.access = new ViewerAccess(allowRemote);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		String refusal = this.access.refusal(request);
		if (refusal == null && CrossOriginWrites.isCrossOrigin(request)) {
			refusal = "The distrace trace viewer receives no OTLP from web pages of other origins.";
		}
		if (refusal != null) {
			ViewerResponses.sendText(response, HttpServletResponse.SC_FORBIDDEN, refusal);
			return;
		}
		super.service(request, response);
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.ingestion.handle(request, response);
	}

}
