package io.github.distrace.autoconfigure.sdk.internal;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import org.jspecify.annotations.Nullable;

/**
 * What the servlet and the WebFlux server span filters share: which paths get no span,
 * the span started with the stable HTTP semantic conventions read from the request, its
 * names with a route, and the {@code traceresponse} header. Each filter reads its own
 * kind of request and ends the span its own way.
 *
 * @author distrace
 */
public final class HttpServerSpans {

	private final Tracer tracer;

	private final ExcludedPaths excludes;

	private final TraceResponse.Policy traceResponse;

	private final ServerSpanNames names = new ServerSpanNames();

	/**
	 * Create an instance.
	 * @param tracer the tracer
	 * @param excludes the path patterns that get no span
	 * @param traceResponse which responses carry a {@code traceresponse} header
	 */
	public HttpServerSpans(Tracer tracer, List<String> excludes, TraceResponse.Policy traceResponse) {
		this.tracer = tracer;
		this.excludes = new ExcludedPaths(excludes);
		this.traceResponse = traceResponse;
	}

	/**
	 * Return whether any path is excluded: if not, a filter need not work out the path.
	 * @return whether there are exclusions
	 */
	public boolean hasExclusions() {
		return !this.excludes.isEmpty();
	}

	/**
	 * Return whether a request path gets no span.
	 * @param path the path within the application, decoded and normalized
	 * @return whether it is excluded
	 */
	public boolean isExcluded(String path) {
		return this.excludes.matches(path);
	}

	/**
	 * Start the {@code SERVER} span of a request, named after its method until its route
	 * is known.
	 * @param parent the context extracted from the request's headers
	 * @param method the request method
	 * @param path the request path, as sent
	 * @param scheme the URL scheme
	 * @param host the server's host name, if known
	 * @param port the server's port, or a negative number if not known
	 * @param clientAddress the client's address, if known
	 * @param userAgent the {@code User-Agent} header, if any
	 * @return the started span
	 */
	public Span start(Context parent, String method, String path, String scheme, @Nullable String host, int port,
			@Nullable String clientAddress, @Nullable String userAgent) {
		SpanBuilder builder = this.tracer.spanBuilder(HttpMethods.spanName(method))
			.setSpanKind(SpanKind.SERVER)
			.setParent(parent);
		HttpMethods.setMethod(builder, method);
		builder.setAttribute(UrlAttributes.URL_PATH, path);
		builder.setAttribute(UrlAttributes.URL_SCHEME, scheme);
		if (host != null) {
			builder.setAttribute(ServerAttributes.SERVER_ADDRESS, host);
		}
		if (port >= 0) {
			builder.setAttribute(ServerAttributes.SERVER_PORT, (long) port);
		}
		if (clientAddress != null) {
			builder.setAttribute(ClientAttributes.CLIENT_ADDRESS, clientAddress);
		}
		if (userAgent != null) {
			builder.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, userAgent);
		}
		return builder.startSpan();
	}

	/**
	 * Return the name of a span with a route, such as {@code GET /orders/{id}}.
	 * @param method the request method
	 * @param route the route
	 * @return the name
	 */
	public String name(String method, String route) {
		return this.names.name(HttpMethods.spanName(method), route);
	}

	/**
	 * Return the {@code traceresponse} header's value for a span, if its response carries
	 * one.
	 * @param parent the context extracted from the request
	 * @param spanContext the server span's context
	 * @return the value, or {@code null} for no header
	 */
	public @Nullable String traceResponse(Context parent, SpanContext spanContext) {
		return this.traceResponse.value(parent, spanContext);
	}

}
