package io.github.distrace.autoconfigure.ui;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;

/**
 * Serves the viewer in a WebFlux application: a route for the configured path and below,
 * answering what the servlet answers ({@link ViewerEndpoints}) under the same access
 * rule. A route rather than a {@code WebFilter}, so that it sits behind the application's
 * web filters (Spring Security's included), as the servlet sits behind its servlet
 * filters.
 *
 * @author distrace
 */
final class ReactiveViewer implements HandlerFunction<ServerResponse> {

	private final String path;

	private final ViewerEndpoints endpoints;

	private final ReactiveViewerAccess access;

	ReactiveViewer(TraceStore store, String path, boolean allowRemote) {
		this.path = path;
		this.endpoints = new ViewerEndpoints(store);
		this.access = new ReactiveViewerAccess(allowRemote);
	}

	RouterFunction<ServerResponse> route() {
		return RouterFunctions.route(RequestPredicates.path(this.path + "/**"), this);
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		String refusal = this.access.refusal(request.exchange().getRequest());
		if (refusal != null) {
			return send(ViewerAnswer.text(403, refusal));
		}
		// TRACE would echo the request, cookies included, back to the caller.
		if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
			return send(ViewerAnswer.text(405, ViewerEndpoints.METHOD_NOT_ALLOWED));
		}
		String below = request.path().substring(this.path.length());
		if (below.isEmpty()) {
			// Relative links in the page resolve against the path with its trailing
			// slash.
			return ServerResponse.status(302)
				.headers(ReactiveViewer::securityHeaders)
				.location(URI.create(request.requestPath().value() + "/"))
				.build();
		}
		return send(this.endpoints.get(UriUtils.decode(below, StandardCharsets.UTF_8), parameters(request)));
	}

	private static Mono<ServerResponse> send(ViewerAnswer answer) {
		return ServerResponse.status(answer.status())
			.headers(ReactiveViewer::securityHeaders)
			.header(HttpHeaders.CACHE_CONTROL, answer.cacheControl())
			.contentType(MediaType.parseMediaType(answer.contentType()))
			.contentLength(answer.body().length)
			.bodyValue(answer.body());
	}

	private static void securityHeaders(HttpHeaders headers) {
		ViewerEndpoints.HEADERS.forEach(headers::set);
	}

	// The servlet API's shape, which TraceQuery reads.
	private static Map<String, String[]> parameters(ServerRequest request) {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		request.queryParams().forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
		return parameters;
	}

}
