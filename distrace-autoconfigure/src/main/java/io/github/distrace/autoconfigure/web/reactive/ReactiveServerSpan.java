package io.github.distrace.autoconfigure.web.reactive;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.distrace.autoconfigure.sdk.internal.HttpServerSpans;
import io.github.distrace.autoconfigure.sdk.internal.TerminationListener;
import io.github.distrace.internal.SpanErrors;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.SignalType;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.resource.ResourceWebHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The server span of one reactive exchange, ended exactly once when the filter chain
 * completes, fails or is cancelled (the client went away): the listener of the chain's
 * {@code ContextScopedMono}.
 *
 * @author distrace
 */
final class ReactiveServerSpan implements TerminationListener {

	/**
	 * Value of {@code error.type} for an exchange cancelled before it completed: the
	 * client closed the connection, so no response (or not all of it) was sent.
	 */
	static final String CANCELLED = "cancelled";

	private static final AtomicIntegerFieldUpdater<ReactiveServerSpan> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(ReactiveServerSpan.class, "ended");

	private final Span span;

	private final String method;

	private final HttpServerSpans spans;

	private final ServerWebExchange exchange;

	private volatile int ended;

	private volatile @Nullable Throwable escaped;

	// The response's status as it was committed. Read then, not when the span ends: on a
	// servlet container the response may be recycled by then (Tomcat's facade throws).
	private volatile @Nullable HttpStatusCode committedStatus;

	ReactiveServerSpan(Span span, String method, HttpServerSpans spans, ServerWebExchange exchange) {
		this.span = span;
		this.method = method;
		this.spans = spans;
		this.exchange = exchange;
	}

	/**
	 * Remember an error signalled by the chain; Spring's exception handlers, outside the
	 * filters, turn it into a response.
	 * @param exception the error
	 */
	void escaped(Throwable exception) {
		this.escaped = exception;
	}

	/**
	 * Remember the status the response is committed with; called as it is committed.
	 * @param status the response's status, or {@code null} if none was set
	 */
	void committed(@Nullable HttpStatusCode status) {
		this.committedStatus = status;
	}

	@Override
	public void terminating(@Nullable Throwable failure) {
		if (failure != null) {
			escaped(failure);
		}
	}

	@Override
	public void terminated(SignalType signal) {
		end(signal);
	}

	void end(SignalType signal) {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return;
		}
		// A span the sampler dropped records nothing.
		if (!this.span.isRecording()) {
			this.span.end();
			return;
		}
		String route = route(this.exchange);
		if (route != null) {
			this.span.updateName(this.spans.name(this.method, route));
			this.span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
		}
		Throwable escaped = this.escaped;
		HttpStatusCode responseStatus = this.committedStatus;
		if (signal == SignalType.CANCEL && escaped == null) {
			// The client's choice, as a 4xx is: not the server's failure, so no error
			// status.
			if (responseStatus != null) {
				this.span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) responseStatus.value());
			}
			this.span.setAttribute(ErrorAttributes.ERROR_TYPE, CANCELLED);
			this.span.end();
			return;
		}
		int status = (escaped != null) ? status(escaped, responseStatus)
				: (responseStatus != null) ? responseStatus.value() : 200;
		this.span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
		if (status >= 500) {
			if (escaped != null) {
				SpanErrors.record(this.span, escaped);
			}
			this.span.setStatus(StatusCode.ERROR);
			this.span.setAttribute(ErrorAttributes.ERROR_TYPE,
					(escaped != null) ? escaped.getClass().getName() : String.valueOf(status));
		}
		this.span.end();
	}

	/**
	 * The status Spring's exception handling answers an error with: the one an
	 * {@link ErrorResponse} (a {@code ResponseStatusException}, say) carries, else 500.
	 */
	private static int status(Throwable escaped, @Nullable HttpStatusCode committed) {
		if (committed != null) {
			return committed.value();
		}
		return (escaped instanceof ErrorResponse response) ? response.getStatusCode().value() : 500;
	}

	private static @Nullable String route(ServerWebExchange exchange) {
		// A static resource handler matches /** and would make every 404 one route.
		if (exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof ResourceWebHandler) {
			return null;
		}
		Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern == null) {
			return null;
		}
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		// Most applications run at the root: no new string per request then.
		return contextPath.isEmpty() ? pattern.toString() : contextPath + pattern;
	}

}
