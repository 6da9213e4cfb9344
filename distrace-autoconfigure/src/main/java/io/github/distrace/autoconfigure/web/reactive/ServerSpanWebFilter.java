package io.github.distrace.autoconfigure.web.reactive;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.distrace.autoconfigure.sdk.internal.ContextScopedMono;
import io.github.distrace.autoconfigure.sdk.internal.HttpServerSpans;
import io.github.distrace.autoconfigure.sdk.internal.TraceResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;

/**
 * Starts a {@code SERVER} span for each WebFlux exchange, as a child of the context the
 * request carries, and ends it when the chain completes, fails or is cancelled. The span
 * is current while the rest of the chain is assembled and subscribed, and afterwards for
 * every operator of it through Reactor's context ({@link ContextScopedMono}), which
 * Reactor's automatic context propagation restores on whatever thread a signal arrives
 * and clears after it; no thread-local is left set on an event-loop thread.
 *
 * @author distrace
 */
final class ServerSpanWebFilter implements WebFilter, Ordered {

	private final TextMapPropagator propagator;

	private final HttpServerSpans spans;

	ServerSpanWebFilter(Tracer tracer, TextMapPropagator propagator, List<String> excludes,
			TraceResponse.Policy traceResponse) {
		this.propagator = propagator;
		this.spans = new HttpServerSpans(tracer, excludes, traceResponse);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (this.spans.hasExclusions() && isExcluded(request)) {
			return chain.filter(exchange);
		}
		Context parent = this.propagator.extract(Context.root(), request.getHeaders(),
				ServerHttpRequestHeaderGetter.INSTANCE);
		String method = request.getMethod().name();
		Span span = start(request, parent, method);
		Context context = parent.with(span);
		ReactiveServerSpan serverSpan = new ReactiveServerSpan(span, method, this.spans, exchange);
		ServerHttpResponse response = exchange.getResponse();
		if (span.isRecording()) {
			response.beforeCommit(() -> {
				serverSpan.committed(response.getStatusCode());
				return Mono.empty();
			});
		}
		String traceResponse = this.spans.traceResponse(parent, span.getSpanContext());
		if (traceResponse != null) {
			response.getHeaders().set(TraceResponse.HEADER, traceResponse);
		}
		Mono<Void> chained;
		// Filters and handlers may do work as the chain is assembled, on this thread.
		try (Scope scope = context.makeCurrent()) {
			chained = chain.filter(exchange);
		}
		catch (RuntimeException | Error ex) {
			serverSpan.escaped(ex);
			serverSpan.end(SignalType.ON_ERROR);
			throw ex;
		}
		return new ContextScopedMono<>(chained, context, serverSpan);
	}

	private boolean isExcluded(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		if (path.indexOf('%') >= 0) {
			// Matched decoded, as WebFlux matches its routes, so that escapes cannot
			// dodge a pattern.
			try {
				path = UriUtils.decode(path, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				// An invalid escape: matched as sent, and left to WebFlux to answer.
			}
		}
		return this.spans.isExcluded(path);
	}

	private Span start(ServerHttpRequest request, Context parent, String method) {
		URI uri = request.getURI();
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress client = (remote != null) ? remote.getAddress() : null;
		return this.spans.start(parent, method, request.getPath().value(), uri.getScheme(), uri.getHost(),
				uri.getPort(), (client != null) ? client.getHostAddress() : null,
				request.getHeaders().getFirst("User-Agent"));
	}

}
