package io.github.distrace.autoconfigure.ui;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the viewer's and its OTLP receiver's answers: small bodies of a known length
 * that no cache keeps, since they show live data.
 * <p>
 * Internal: not for use outside distrace; public for the viewer's OTLP receiver
 * ({@code ui.otlp}).
 *
 * @author distrace
 */
public final class ViewerResponses {

	private ViewerResponses() {
	}

	/**
	 * Answer with plain text.
	 * @param response the response
	 * @param status the HTTP status
	 * @param text the body
	 * @throws IOException if the body cannot be written
	 */
	public static void sendText(HttpServletResponse response, int status, String text) throws IOException {
		send(response, ViewerAnswer.text(status, text));
	}

	static void send(HttpServletResponse response, ViewerAnswer answer) throws IOException {
		response.setStatus(answer.status());
		response.setContentType(answer.contentType());
		response.setHeader("Cache-Control", answer.cacheControl());
		response.setContentLength(answer.body().length);
		response.getOutputStream().write(answer.body());
	}

}
