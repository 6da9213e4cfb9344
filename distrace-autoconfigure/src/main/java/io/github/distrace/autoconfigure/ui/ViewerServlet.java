package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Serves the viewer's static files and its JSON API under the configured path (its
 * OTLP receiver is a servlet of its own, in {@code ui.otlp}). Registered as its own servlet, like Spring Boot's H2 console, so it
 * exists only when enabled, answers only under its path, and sits behind the same
 * servlet filters (Spring Security's included) as the rest of the application.
 *
 * @author distrace
 */
final class ViewerServlet extends HttpServlet {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	static final String RESOURCES = "META-INF/distrace/ui/";

	private static final Map<String, String> FILES = Map.of("/", "index.html", "/viewer.css", "viewer.css",
			"/viewer.js", "viewer.js");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final String TRACES = "/api/traces";

	// Rows of the Queries and Endpoints views: those that matter most, and a page a browser
	// renders at once. Both are computed from the bounded store on each request.
	private static final int MAX_STATISTICS_ROWS = 500;

	private static final int MAX_FINDINGS = 200;

	private final transient TraceStore store;

	private final transient ViewerAccess access;

	ViewerServlet(TraceStore store, boolean allowRemote) {
		this.store = store;
		this.access = new ViewerAccess(allowRemote);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
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
			// Relative links in the page resolve against the path with its trailing slash.
			response.sendRedirect(request.getRequestURI() + "/");
			return;
		}
		String file = FILES.get(path);
		if (file != null) {
			sendFile(response, file);
		}
		else if (path.equals(TRACES)) {
			listTraces(request, response);
		}
		else if (path.startsWith(TRACES + "/")) {
			showTrace(path.substring(TRACES.length() + 1), response);
		}
		else if (path.equals("/api/queries")) {
			sendJson(response, HttpServletResponse.SC_OK,
					StatisticsJson.queries(QueryStatistics.of(this.store.traces(), MAX_STATISTICS_ROWS)));
		}
		else if (path.equals("/api/findings")) {
			sendJson(response, HttpServletResponse.SC_OK,
					StatisticsJson.findings(Finding.of(this.store.traces(), MAX_FINDINGS)));
		}
		else if (path.equals("/api/endpoints")) {
			sendJson(response, HttpServletResponse.SC_OK,
					StatisticsJson.endpoints(EndpointStatistics.of(this.store.traces(), MAX_STATISTICS_ROWS)));
		}
		else {
			ViewerResponses.sendText(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
		}
	}

	// TRACE would echo the request, cookies included, back to the caller.
	@Override
	protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
		ViewerResponses.sendText(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed");
	}

	private void listTraces(HttpServletRequest request, HttpServletResponse response) throws IOException {
		TraceQuery query;
		try {
			query = TraceQuery.parse(request.getParameterMap(), this.store.maxTraces());
		}
		catch (IllegalArgumentException ex) {
			sendJson(response, HttpServletResponse.SC_BAD_REQUEST, TraceJson.error(ex.getMessage()));
			return;
		}
		List<Trace> stored = this.store.traces();
		sendJson(response, HttpServletResponse.SC_OK, TraceJson.list(query.apply(stored), stored,
				this.store.maxTraces()));
	}

	private void showTrace(String traceId, HttpServletResponse response) throws IOException {
		String id = traceId.toLowerCase(Locale.ROOT);
		if (!TRACE_ID.matcher(id).matches()) {
			sendJson(response, HttpServletResponse.SC_BAD_REQUEST,
					TraceJson.error("a trace id is 32 hexadecimal digits"));
			return;
		}
		Trace trace = this.store.trace(id);
		if (trace == null) {
			sendJson(response, HttpServletResponse.SC_NOT_FOUND,
					TraceJson.error("no trace " + id + " in memory; it may not have ended yet, or was dropped"));
			return;
		}
		sendJson(response, HttpServletResponse.SC_OK, TraceJson.trace(trace));
	}

	private void sendFile(HttpServletResponse response, String name) throws IOException {
		byte[] content = StaticFiles.CONTENT.get(name);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(contentType(name));
		response.setHeader("Cache-Control", "no-cache");
		response.setContentLength(content.length);
		response.getOutputStream().write(content);
	}

	private static String contentType(String name) {
		if (name.endsWith(".html")) {
			return "text/html;charset=UTF-8";
		}
		return name.endsWith(".css") ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8";
	}

	static void sendJson(HttpServletResponse response, int status, String json) throws IOException {
		ViewerResponses.send(response, status, "application/json", json);
	}

	/**
	 * The static files, read once from the jar.
	 */
	private static final class StaticFiles {

		static final Map<String, byte[]> CONTENT = Map.of("index.html", load("index.html"), "viewer.css",
				load("viewer.css"), "viewer.js", load("viewer.js"));

		private static byte[] load(String name) {
			try (@Nullable InputStream in = ViewerServlet.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
				if (in == null) {
					throw new IllegalStateException("Missing " + RESOURCES + name + " in the distrace jar");
				}
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
