package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import io.github.distrace.autoconfigure.sdk.internal.HttpMethods;
import io.github.distrace.internal.SpanErrors;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@code CLIENT} spans for outgoing HTTP calls, whichever client makes them: started as a
 * child of the current context, with the stable HTTP client conventions, and the context
 * written into the request headers with the configured propagators.
 */
final class ClientSpans {

	/** Query parameters whose values the semantic conventions say to redact. */
	private static final Set<String> SENSITIVE_QUERY_PARAMETERS = Set.of("AWSAccessKeyId", "Signature", "sig",
			"X-Goog-Signature");

	private static final String REDACTED = "REDACTED";

	/**
	 * Request attribute that marks a call the interceptor traces, so that the request
	 * factory of a client traced both ways does not start a second span. Spring copies an
	 * intercepted request's attributes into the real one.
	 */
	static final String TRACED_ATTRIBUTE = ClientSpans.class.getName() + ".traced";

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	ClientSpans(Tracer tracer, TextMapPropagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Start a client span as a child of {@code parent} and write the new context into the
	 * headers, replacing any trace headers already there.
	 * @param parent the parent context
	 * @param method the request method
	 * @param uri the request URI
	 * @param headers the request headers, written to
	 * @return the context holding the started span
	 */
	Context start(Context parent, String method, URI uri, HttpHeaders headers) {
		SpanBuilder builder = this.tracer.spanBuilder(HttpMethods.spanName(method))
			.setSpanKind(SpanKind.CLIENT)
			.setParent(parent);
		HttpMethods.setMethod(builder, method);
		builder.setAttribute(UrlAttributes.URL_FULL, fullUrl(uri));
		if (uri.getHost() != null) {
			builder.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
		}
		long port = port(uri);
		if (port > 0) {
			builder.setAttribute(ServerAttributes.SERVER_PORT, port);
		}
		Context context = parent.with(builder.startSpan());
		this.propagator.inject(context, headers, HttpHeaders::set);
		return context;
	}

	/**
	 * Make a call as a client span: started as a child of the current context, written
	 * into the request's headers, current while the call runs, and ended with its
	 * response or failure.
	 * @param request the request, whose headers are written to
	 * @param call what sends it
	 * @return the response
	 * @throws IOException when the call fails
	 */
	ClientHttpResponse call(HttpRequest request, Call call) throws IOException {
		Context context = start(Context.current(), request.getMethod().name(), request.getURI(), request.getHeaders());
		ClientHttpResponse response;
		int status;
		try (Scope scope = context.makeCurrent()) {
			response = call.execute();
			status = response.getStatusCode().value();
		}
		catch (IOException | RuntimeException | Error ex) {
			fail(context, ex);
			throw ex;
		}
		end(context, status);
		return response;
	}

	static void end(Context context, int status) {
		Span span = Span.fromContext(context);
		span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
		if (status >= 400) {
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, String.valueOf(status));
		}
		span.end();
	}

	static void fail(Context context, Throwable exception) {
		Span span = Span.fromContext(context);
		SpanErrors.record(span, exception);
		span.setStatus(StatusCode.ERROR);
		span.setAttribute(ErrorAttributes.ERROR_TYPE, exception.getClass().getName());
		span.end();
	}

	/**
	 * Return the URL without credentials: user info and the values of signature query
	 * parameters become {@code REDACTED}, and the fragment, never sent, is left out.
	 * @param uri the request URI
	 * @return the URL to record
	 */
	static String fullUrl(URI uri) {
		if (uri.isOpaque() || uri.getScheme() == null || uri.getRawAuthority() == null) {
			return uri.toString();
		}
		StringBuilder url = new StringBuilder(uri.getScheme()).append("://");
		if (uri.getRawUserInfo() != null) {
			url.append(REDACTED).append(':').append(REDACTED).append('@');
		}
		if (uri.getHost() != null) {
			url.append(uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
					: uri.getHost());
			if (uri.getPort() != -1) {
				url.append(':').append(uri.getPort());
			}
		}
		else {
			String authority = uri.getRawAuthority();
			url.append(authority.substring(authority.indexOf('@') + 1));
		}
		url.append((uri.getRawPath() != null) ? uri.getRawPath() : "");
		if (uri.getRawQuery() != null) {
			url.append('?').append(redactQuery(uri.getRawQuery()));
		}
		return url.toString();
	}

	private static String redactQuery(String query) {
		StringBuilder redacted = new StringBuilder(query.length());
		for (String parameter : query.split("&", -1)) {
			if (!redacted.isEmpty()) {
				redacted.append('&');
			}
			int equals = parameter.indexOf('=');
			if (equals > 0 && SENSITIVE_QUERY_PARAMETERS.contains(parameter.substring(0, equals))) {
				redacted.append(parameter, 0, equals + 1).append(REDACTED);
			}
			else {
				redacted.append(parameter);
			}
		}
		return redacted.toString();
	}

	/**
	 * Sends a request.
	 */
	@FunctionalInterface
	interface Call {

		ClientHttpResponse execute() throws IOException;

	}

	private static long port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		return switch (scheme) {
			case "http" -> 80;
			case "https" -> 443;
			default -> -1;
		};
	}

}
