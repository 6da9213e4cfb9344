package io.github.distrace.autoconfigure.web;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.distrace.autoconfigure.sdk.internal.HttpMethods;
import io.github.distrace.autoconfigure.sdk.internal.HttpServerSpans;
import io.github.distrace.internal.SpanErrors;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * The server span of one request, kept as a request attribute across its dispatches and
 * ended exactly once, when the response is complete: at the end of the first dispatch, or
 * from an {@link jakarta.servlet.AsyncListener} for an asynchronous request.
 */
final class ServerSpan {

	/**
	 * Request attribute where Spring Boot's error handling keeps every exception a
	 * resolver saw, including those an {@code @ExceptionHandler} turned into a response.
	 */
	private static final String BOOT_ERROR_ATTRIBUTE = "org.springframework.boot.webmvc.error."
			+ "DefaultErrorAttributes.ERROR";

	// An updater rather than an AtomicBoolean: one object less for every request.
	private static final AtomicIntegerFieldUpdater<ServerSpan> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(ServerSpan.class, "ended");

	private final Span span;

	private final Context context;

	private final String method;

	private final HttpServerSpans spans;

	// A span the sampler dropped records nothing: naming it and reading the request and
	// response for it would be wasted.
	private final boolean recording;

	private volatile int ended;

	private volatile @Nullable Throwable escaped;

	private volatile @Nullable String route;

	ServerSpan(Span span, Context context, String method, HttpServerSpans spans) {
		this.span = span;
		this.context = context;
		this.method = method;
		this.spans = spans;
		this.recording = span.isRecording();
	}

	Context context() {
		return this.context;
	}

	SpanContext spanContext() {
		return this.span.getSpanContext();
	}

	/**
	 * Remember an exception that left the filter chain or failed the asynchronous
	 * request; the container turns it into a 500.
	 * @param exception the exception
	 */
	void escaped(Throwable exception) {
		this.escaped = (exception instanceof ServletException && exception.getCause() != null) ? exception.getCause()
				: exception;
	}

	/**
	 * Take the route Spring MVC matched in the dispatch that just ended. Called after
	 * every request and async dispatch, because an error dispatch that follows (to
	 * {@code /error}) matches a route of its own.
	 * @param request the request
	 */
	void captureRoute(HttpServletRequest request) {
		if (!this.recording) {
			return;
		}
		String route = route(request);
		if (route != null) {
			this.route = route;
		}
	}

	void end(HttpServletRequest request, HttpServletResponse response) {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return;
		}
		if (!this.recording) {
			this.span.end();
			return;
		}
		String route = this.route;
		if (route != null) {
			this.span.updateName(this.spans.name(this.method, route));
			this.span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
		}
		else {
			this.span.updateName(HttpMethods.spanName(this.method));
		}
		Throwable escaped = this.escaped;
		int status = (escaped != null && !response.isCommitted()) ? 500 : response.getStatus();
		this.span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
		Throwable exception = (escaped != null) ? escaped : (status >= 500) ? handledException(request) : null;
		if (exception != null) {
			SpanErrors.record(this.span, exception);
		}
		if (status >= 500 || escaped != null) {
			this.span.setStatus(StatusCode.ERROR);
			this.span.setAttribute(ErrorAttributes.ERROR_TYPE,
					(exception != null) ? exception.getClass().getName() : String.valueOf(status));
		}
		this.span.end();
	}

	private static @Nullable String route(HttpServletRequest request) {
		// A static resource handler matches /** and would make every 404 one route.
		if (request
			.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof ResourceHttpRequestHandler) {
			return null;
		}
		if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)) {
			return null;
		}
		HttpServletMapping mapping = request.getHttpServletMapping();
		String servletPath = (mapping != null && mapping.getMappingMatch() == MappingMatch.PATH)
				? request.getServletPath() : "";
		String contextPath = request.getContextPath();
		// Most applications run at the root: no new string per request then.
		return (contextPath.isEmpty() && servletPath.isEmpty()) ? pattern : contextPath + servletPath + pattern;
	}

	private static @Nullable Throwable handledException(HttpServletRequest request) {
		for (String attribute : new String[] { DispatcherServlet.EXCEPTION_ATTRIBUTE, BOOT_ERROR_ATTRIBUTE,
				RequestDispatcher.ERROR_EXCEPTION }) {
			if (request.getAttribute(attribute) instanceof Throwable exception) {
				return exception;
			}
		}
		return null;
	}

}
