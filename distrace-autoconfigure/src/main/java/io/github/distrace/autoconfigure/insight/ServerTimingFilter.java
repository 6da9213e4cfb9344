package io.github.distrace.autoconfigure.insight;

import java.io.IOException;
import java.io.PrintWriter;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Adds a {@code Server-Timing} header with the request's time in the database and in all,
 * such as {@code db;dur=3.1;desc="4 queries", app;dur=12.0}, which browsers show in their
 * developer tools. Headers must precede the body, so the header is set when the
 * application starts writing the body (by then a handler has done its queries), or after
 * the handler if it wrote none. An asynchronous request ({@code Callable},
 * {@code DeferredResult}) writes its body in a later dispatch, after its queries on other
 * threads: the response stays wrapped across dispatches and the header waits for that
 * body. Runs inside the server span's filter, whose span is current here.
 *
 * @author distrace
 */
final class ServerTimingFilter extends OncePerRequestFilter {

	static final String HEADER = "Server-Timing";

	private final DatabaseInsightSpanProcessor insight;

	ServerTimingFilter(DatabaseInsightSpanProcessor insight) {
		this.insight = insight;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// An asynchronous dispatch gets the response, wrapped, that its request went
		// asynchronous with.
		ServerTimingResponse timed = WebUtils.getNativeResponse(response, ServerTimingResponse.class);
		HttpServletResponse wrapped = response;
		if (timed == null) {
			LocalTrace trace = this.insight.localTrace(Span.current().getSpanContext());
			if (trace == null) {
				chain.doFilter(request, response); // not traced, or not recorded
				return;
			}
			timed = new ServerTimingResponse(response, trace);
			wrapped = timed;
		}
		chain.doFilter(request, wrapped);
		if (!isAsyncStarted(request)) {
			timed.addServerTiming();
		}
	}

	/**
	 * Sets the header just before the response starts: when the body is asked for, a
	 * buffer flushed, an error or redirect sent.
	 */
	private static final class ServerTimingResponse extends HttpServletResponseWrapper {

		private final LocalTrace trace;

		private boolean added;

		ServerTimingResponse(HttpServletResponse response, LocalTrace trace) {
			super(response);
			this.trace = trace;
		}

		void addServerTiming() {
			if (!this.added) {
				this.added = true;
				if (!isCommitted()) {
					addHeader(HEADER, this.trace.serverTiming());
				}
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			addServerTiming();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			addServerTiming();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			addServerTiming();
			super.flushBuffer();
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			addServerTiming();
			super.sendError(sc, msg);
		}

		@Override
		public void sendError(int sc) throws IOException {
			addServerTiming();
			super.sendError(sc);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			addServerTiming();
			super.sendRedirect(location);
		}

	}

}
