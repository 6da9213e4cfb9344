package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.util.List;

import io.github.distrace.autoconfigure.sdk.internal.HttpServerSpans;
import io.github.distrace.autoconfigure.sdk.internal.RequestTracingCpu;
import io.github.distrace.autoconfigure.sdk.internal.TraceResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts a {@code SERVER} span for each servlet request, as a child of the context the
 * request carries, keeps it current while the request is served, and ends it when the
 * response is complete, including for asynchronous requests.
 */
final class ServerSpanFilter extends OncePerRequestFilter {

	static final String TRACE_RESPONSE_HEADER = TraceResponse.HEADER;

	private static final String SPAN_ATTRIBUTE = ServerSpanFilter.class.getName() + ".span";

	private static final String ALREADY_FILTERED_ATTRIBUTE = ServerSpanFilter.class.getName() + ".FILTERED";

	private final TextMapPropagator propagator;

	private final HttpServerSpans spans;

	ServerSpanFilter(Tracer tracer, TextMapPropagator propagator, List<String> excludes,
			TraceResponse.Policy traceResponse) {
		this.propagator = propagator;
		this.spans = new HttpServerSpans(tracer, excludes, traceResponse);
	}

	// The inherited name is built from the filter's name on every request.
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return ALREADY_FILTERED_ATTRIBUTE;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ServerSpan serverSpan = (ServerSpan) request.getAttribute(SPAN_ATTRIBUTE);
		boolean measured = false;
		long mark = -1;
		if (serverSpan == null) {
			if (request.getDispatcherType() != DispatcherType.REQUEST || isExcluded(request)) {
				chain.doFilter(request, response);
				return;
			}
			measured = RequestTracingCpu.startRequest();
			mark = RequestTracingCpu.enter();
			Context parent = this.propagator.extract(Context.root(), request, ServletRequestHeaderGetter.INSTANCE);
			serverSpan = start(request, parent);
			request.setAttribute(SPAN_ATTRIBUTE, serverSpan);
			String traceResponse = this.spans.traceResponse(parent, serverSpan.spanContext());
			if (traceResponse != null) {
				response.setHeader(TRACE_RESPONSE_HEADER, traceResponse);
			}
		}
		// Measured on one request in many: the span's start and end, not the chain
		// between.
		Scope scope = serverSpan.context().makeCurrent();
		RequestTracingCpu.exit(mark);
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException | Error ex) {
			serverSpan.escaped(ex);
			throw ex;
		}
		finally {
			mark = RequestTracingCpu.enter();
			scope.close();
			serverSpan.captureRoute(request);
			if (request.isAsyncStarted()) {
				if (request.getDispatcherType() == DispatcherType.REQUEST) {
					request.getAsyncContext().addListener(new EndingAsyncListener(serverSpan, request, response));
				}
			}
			else if (request.getDispatcherType() == DispatcherType.REQUEST) {
				serverSpan.end(request, response);
			}
			RequestTracingCpu.exit(mark);
			RequestTracingCpu.endRequest(measured);
		}
	}

	private boolean isExcluded(HttpServletRequest request) {
		if (!this.spans.hasExclusions()) {
			return false;
		}
		// The servlet path and path info are decoded and normalized, so '..' cannot dodge
		// a pattern.
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? request.getServletPath() + pathInfo : request.getServletPath();
		return this.spans.isExcluded(path);
	}

	private ServerSpan start(HttpServletRequest request, Context parent) {
		String method = request.getMethod();
		Span span = this.spans.start(parent, method, request.getRequestURI(), request.getScheme(),
				request.getServerName(), request.getServerPort(), request.getRemoteAddr(),
				request.getHeader("User-Agent"));
		return new ServerSpan(span, parent.with(span), method, this.spans);
	}

	/**
	 * Ends the span of an asynchronous request when its response is complete, and stays
	 * registered when the request goes asynchronous again.
	 */
	private static final class EndingAsyncListener implements AsyncListener {

		private final ServerSpan serverSpan;

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		EndingAsyncListener(ServerSpan serverSpan, HttpServletRequest request, HttpServletResponse response) {
			this.serverSpan = serverSpan;
			this.request = request;
			this.response = response;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			this.serverSpan.end(this.request, this.response);
		}

		@Override
		public void onError(AsyncEvent event) {
			if (event.getThrowable() != null) {
				this.serverSpan.escaped(event.getThrowable());
			}
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
