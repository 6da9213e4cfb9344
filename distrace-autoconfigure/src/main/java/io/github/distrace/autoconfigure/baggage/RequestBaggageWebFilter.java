package io.github.distrace.autoconfigure.baggage;

import io.github.distrace.autoconfigure.sdk.internal.ContextScopedMono;
import io.github.distrace.autoconfigure.sdk.internal.TerminationListener;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives each WebFlux exchange a place for its baggage, so that values a handler sets with
 * {@code BaggageService} are seen by the rest of the exchange, on whatever thread it
 * continues. Runs inside the server span's filter, whose context is current while the
 * chain is assembled; the request's context then travels in Reactor's context.
 *
 * @author distrace
 */
final class RequestBaggageWebFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return DistraceBaggageAutoConfiguration.FILTER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Context context = RequestBaggage.open(Context.current());
		Mono<Void> chained;
		try (Scope scope = context.makeCurrent()) {
			chained = chain.filter(exchange);
		}
		return new ContextScopedMono<>(chained, context, TerminationListener.NONE);
	}

}
