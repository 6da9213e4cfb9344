package io.github.distrace.autoconfigure.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the viewer answers to a {@code GET} below its path: the page, its script and style
 * sheet, and the JSON API. Free of any server API, so that the servlet
 * ({@link ViewerServlet}) and the WebFlux route ({@link ReactiveViewer}) answer alike and
 * differ only in how they read the request and write the answer.
 *
 * @author distrace
 */
final class ViewerEndpoints {

	/**
	 * The headers of every answer, refusals included.
	 */
	static final Map<String, String> HEADERS = Map.of("Content-Security-Policy",
			"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
					+ "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
			"X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");

	static final String RESOURCES = "META-INF/distrace/ui/";

	static final String METHOD_NOT_ALLOWED = "Method not allowed";

	private static final Map<String, String> FILES = Map.of("/", "index.html", "/viewer.css", "viewer.css",
			"/viewer.js", "viewer.js");

	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

	private static final String TRACES = "/api/traces";

	// Rows of the Queries and Endpoints views: those that matter most, and a page a
	// browser renders at once. Both are computed from the bounded store on each request.
	private static final int MAX_STATISTICS_ROWS = 500;

	private static final int MAX_FINDINGS = 200;

	private final TraceStore store;

	ViewerEndpoints(TraceStore store) {
		this.store = store;
	}

	/**
	 * Answer a {@code GET}.
	 * @param path the decoded path below the viewer's, starting with {@code /}
	 * @param parameters the query parameters
	 * @return the answer
	 */
	ViewerAnswer get(String path, Map<String, String[]> parameters) {
		String file = FILES.get(path);
		if (file != null) {
			byte[] content = StaticFiles.CONTENT.get(file);
			if (content != null) {
				return ViewerAnswer.file(contentType(file), content);
			}
		}
		if (path.equals(TRACES)) {
			return listTraces(parameters);
		}
		if (path.startsWith(TRACES + "/")) {
			return showTrace(path.substring(TRACES.length() + 1));
		}
		if (path.equals("/api/queries")) {
			return ok(StatisticsJson.queries(QueryStatistics.of(this.store.traces(), MAX_STATISTICS_ROWS)));
		}
		if (path.equals("/api/findings")) {
			return ok(StatisticsJson.findings(Finding.of(this.store.traces(), MAX_FINDINGS)));
		}
		if (path.equals("/api/endpoints")) {
			return ok(StatisticsJson.endpoints(EndpointStatistics.of(this.store.traces(), MAX_STATISTICS_ROWS)));
		}
		return ViewerAnswer.text(404, "Not found");
	}

	private ViewerAnswer listTraces(Map<String, String[]> parameters) {
		TraceQuery query;
		try {
			query = TraceQuery.parse(parameters, this.store.maxTraces());
		}
		catch (IllegalArgumentException ex) {
			return ViewerAnswer.json(400,
					TraceJson.error(Objects.requireNonNullElse(ex.getMessage(), "invalid query")));
		}
		List<Trace> stored = this.store.traces();
		return ok(TraceJson.list(query.apply(stored), stored, this.store.maxTraces()));
	}

	private ViewerAnswer showTrace(String traceId) {
		String id = traceId.toLowerCase(Locale.ROOT);
		if (!TRACE_ID.matcher(id).matches()) {
			return ViewerAnswer.json(400, TraceJson.error("a trace id is 32 hexadecimal digits"));
		}
		Trace trace = this.store.trace(id);
		if (trace == null) {
			return ViewerAnswer.json(404,
					TraceJson.error("no trace " + id + " in memory; it may not have ended yet, or was dropped"));
		}
		return ok(TraceJson.trace(trace));
	}

	private static ViewerAnswer ok(String json) {
		return ViewerAnswer.json(200, json);
	}

	private static String contentType(String name) {
		if (name.endsWith(".html")) {
			return "text/html;charset=UTF-8";
		}
		return name.endsWith(".css") ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8";
	}

	/**
	 * The static files, read once from the jar.
	 */
	private static final class StaticFiles {

		static final Map<String, byte[]> CONTENT = Map.of("index.html", load("index.html"), "viewer.css",
				load("viewer.css"), "viewer.js", load("viewer.js"));

		private static byte[] load(String name) {
			try (@Nullable
			InputStream in = ViewerEndpoints.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
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
