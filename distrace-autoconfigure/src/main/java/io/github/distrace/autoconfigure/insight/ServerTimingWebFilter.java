package io.github.distrace.autoconfigure.insight;

import io.opentelemetry.api.trace.Span;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Adds the {@code Server-Timing} header of {@link ServerTimingFilter} to WebFlux
 * responses, just before they are committed: by then the handler has run its queries.
 * Runs inside the server span's filter, whose span is current while the chain is
 * assembled.
 *
 * @author distrace
 */
final class ServerTimingWebFilter implements WebFilter, Ordered {

	/**
	 * Order of the filter: right inside the server span's filter
	 * ({@code HIGHEST_PRECEDENCE}), as the servlet one.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	private final DatabaseInsightSpanProcessor insight;

	ServerTimingWebFilter(DatabaseInsightSpanProcessor insight) {
		this.insight = insight;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		LocalTrace trace = this.insight.localTrace(Span.current().getSpanContext());
		if (trace != null) {
			ServerHttpResponse response = exchange.getResponse();
			response.beforeCommit(() -> Mono
				.fromRunnable(() -> response.getHeaders().add(ServerTimingFilter.HEADER, trace.serverTiming())));
		}
		return chain.filter(exchange);
	}

}
