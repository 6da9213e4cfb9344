package io.github.distrace.autoconfigure.ui.otlp;

import java.io.IOException;

import io.github.distrace.autoconfigure.ui.LoopbackAddresses;
import io.github.distrace.autoconfigure.ui.ViewerResponses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves OTLP/HTTP at {@code {path}/v1/traces}, beside the viewer's own servlet and, like
 * it, only to the loopback address unless {@code distrace.ui.allow-remote} is set.
 *
 * @author distrace
 */
final class OtlpReceiverServlet extends HttpServlet {

	private final transient OtlpIngestion ingestion;

	private final boolean allowRemote;

	OtlpReceiverServlet(OtlpIngestion ingestion, boolean allowRemote) {
		this.ingestion = ingestion;
		this.allowRemote = allowRemote;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (!this.allowRemote && !LoopbackAddresses.isLoopback(request.getRemoteAddr())) {
			ViewerResponses.sendText(response, HttpServletResponse.SC_FORBIDDEN, "The distrace trace viewer receives "
					+ "OTLP only from the loopback address; set distrace.ui.allow-remote=true to receive it from others.");
			return;
		}
		super.service(request, response);
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.ingestion.handle(request, response);
	}

}
