package io.github.distrace.autoconfigure.ui;

import java.nio.charset.StandardCharsets;

/**
 * One answer of the viewer, the same whichever server front (a servlet, a WebFlux route)
 * writes it: a small body of a known length, with how long a cache may keep it.
 *
 * @param status the HTTP status
 * @param contentType the content type, with its charset
 * @param cacheControl the {@code Cache-Control} header
 * @param body the body
 * @author distrace
 */
record ViewerAnswer(int status, String contentType, String cacheControl, byte[] body) {

	// The API and the error pages show live data; the static files change only with the
	// jar.
	private static final String LIVE = "no-store";

	static ViewerAnswer text(int status, String text) {
		return of(status, "text/plain", text);
	}

	static ViewerAnswer json(int status, String json) {
		return of(status, "application/json", json);
	}

	static ViewerAnswer file(String contentType, byte[] content) {
		return new ViewerAnswer(200, contentType, "no-cache", content);
	}

	private static ViewerAnswer of(int status, String contentType, String body) {
		return new ViewerAnswer(status, contentType + ";charset=UTF-8", LIVE, body.getBytes(StandardCharsets.UTF_8));
	}

}
