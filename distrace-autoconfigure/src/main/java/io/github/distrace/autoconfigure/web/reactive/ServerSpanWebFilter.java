package io.github.distrace.autoconfigure.web.reactive;

import java.util.List;

import io.github.distrace.autoconfigure.sdk.internal.ExcludedPaths;
import io.github.distrace.autoconfigure.sdk.internal.HttpMethods;
import io.github.distrace.autoconfigure.sdk.internal.OpenTelemetryContextAccessor;
import io.github.distrace.autoconfigure.sdk.internal.ServerSpanNames;
import io.github.distrace.autoconfigure.sdk.internal.TraceResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Starts a {@code SERVER} span for each WebFlux exchange, as a child of the context the
 * request carries, and ends it when the chain completes, fails or is cancelled. The span
 * is current while the rest of the chain is assembled, and afterwards for every operator
 * of it through Reactor's context (under the key of
 * {@link OpenTelemetryContextAccessor}), which Reactor's automatic context propagation
 * restores on whatever thread a signal arrives and clears after it; no thread-local is
 * left set on an event-loop thread.
 *
 * @author distrace
 */
final class ServerSpanWebFilter implements WebFilter, Ordered {

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final ExcludedPaths excludes;

	private final boolean traceResponseHeader;

	private final ServerSpanNames names = new ServerSpanNames();

	ServerSpanWebFilter(Tracer tracer, TextMapPropagator propagator, List<String> excludes,
			boolean traceResponseHeader) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.excludes = new ExcludedPaths(excludes);
		this.traceResponseHeader = traceResponseHeader;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.excludes.isEmpty() && this.excludes.matches(request.getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		Context parent = this.propagator.extract(Context.root(), request.getHeaders(),
				ServerHttpRequestHeaderGetter.INSTANCE);
		String method = request.getMethod().name();
		Span span = start(request, parent, method);
		Context context = parent.with(span);
		ReactiveServerSpan serverSpan = new ReactiveServerSpan(span, method, this.names);
		if (this.traceResponseHeader) {
			String value = TraceResponse.value(span.getSpanContext());
			if (value != null) {
				exchange.getResponse().getHeaders().set(TraceResponse.HEADER, value);
			}
		}
		Mono<Void> chained;
		// Filters and handlers may do work as the chain is assembled, on this thread.
		try (Scope scope = context.makeCurrent()) {
			chained = chain.filter(exchange);
		}
		catch (RuntimeException | Error ex) {
			serverSpan.escaped(ex);
			serverSpan.end(exchange, SignalType.ON_ERROR);
			throw ex;
		}
		return chained.doOnError(serverSpan::escaped)
			.doFinally((signal) -> serverSpan.end(exchange, signal))
			.contextWrite((reactorContext) -> reactorContext.put(OpenTelemetryContextAccessor.KEY, context));
	}

	private Span start(ServerHttpRequest request, Context parent, String method) {
		SpanBuilder builder = this.tracer.spanBuilder(HttpMethods.spanName(method))
			.setSpanKind(SpanKind.SERVER)
			.setParent(parent);
		HttpMethods.setMethod(builder, method);
		builder.setAttribute(UrlAttributes.URL_PATH, request.getPath().value());
		builder.setAttribute(UrlAttributes.URL_SCHEME, request.getURI().getScheme());
		String host = request.getURI().getHost();
		if (host != null) {
			builder.setAttribute(ServerAttributes.SERVER_ADDRESS, host);
		}
		if (request.getURI().getPort() >= 0) {
			builder.setAttribute(ServerAttributes.SERVER_PORT, (long) request.getURI().getPort());
		}
		if (request.getRemoteAddress() != null && request.getRemoteAddress().getAddress() != null) {
			builder.setAttribute(ClientAttributes.CLIENT_ADDRESS,
					request.getRemoteAddress().getAddress().getHostAddress());
		}
		String userAgent = request.getHeaders().getFirst("User-Agent");
		if (userAgent != null) {
			builder.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, userAgent);
		}
		return builder.startSpan();
	}

}
