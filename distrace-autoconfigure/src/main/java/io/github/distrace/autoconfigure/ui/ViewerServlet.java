package io.github.distrace.autoconfigure.ui;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the viewer's static files and its JSON API under the configured path (its OTLP
 * receiver is a servlet of its own, in {@code ui.otlp}). Registered as its own servlet,
 * like Spring Boot's H2 console, so it exists only when enabled, answers only under its
 * path, and sits behind the same servlet filters (Spring Security's included) as the rest
 * of the application. What it answers is {@link ViewerEndpoints}'s, shared with the
 * WebFlux route.
 *
 * @author distrace
 */
final class ViewerServlet extends HttpServlet {

	private final transient ViewerEndpoints endpoints;

	private final transient ViewerAccess access;

	ViewerServlet(TraceStore store, boolean allowRemote) {
		this.endpoints = new ViewerEndpoints(store);
		this.access = new ViewerAccess(allowRemote);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		ViewerEndpoints.HEADERS.forEach(response::setHeader);
		String refusal = this.access.refusal(request);
		if (refusal != null) {
			ViewerResponses.sendText(response, HttpServletResponse.SC_FORBIDDEN, refusal);
			return;
		}
		super.service(request, response);
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo();
		if (path == null) {
			// Relative links in the page resolve against the path with its trailing
			// slash.
			response.sendRedirect(request.getRequestURI() + "/");
			return;
		}
		ViewerResponses.send(response, this.endpoints.get(path, request.getParameterMap()));
	}

	// TRACE would echo the request, cookies included, back to the caller.
	@Override
	protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ViewerResponses.sendText(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
				ViewerEndpoints.METHOD_NOT_ALLOWED);
	}

}
