package io.github.distrace.autoconfigure.web;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Gives every exchange of a {@code WebClient} a {@code CLIENT} span and carries the trace
 * context in the request headers. The parent is the context current when the exchange is
 * subscribed to. Applied automatically to clients built from Spring Boot's
 * {@code WebClient.Builder}.
 *
 * @author distrace
 */
public final class TracingExchangeFilterFunction implements ExchangeFilterFunction {

	private final ClientSpans spans;

	/**
	 * Create a filter function.
	 * @param tracer the tracer that starts the client spans
	 * @param propagator the propagator that writes the trace headers, usually
	 * {@code openTelemetry.getPropagators().getTextMapPropagator()}
	 */
	public TracingExchangeFilterFunction(Tracer tracer, TextMapPropagator propagator) {
		this.spans = new ClientSpans(tracer, propagator);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> {
			HttpHeaders traceHeaders = new HttpHeaders();
			Context context = this.spans.start(Context.current(), request.method().name(), request.url(), traceHeaders);
			ClientRequest tracedRequest = ClientRequest.from(request)
				.headers((headers) -> headers.putAll(traceHeaders))
				.build();
			AtomicBoolean ended = new AtomicBoolean();
			return next.exchange(tracedRequest).doOnNext((response) -> {
				if (ended.compareAndSet(false, true)) {
					ClientSpans.end(context, response.statusCode().value());
				}
			}).doOnError((ex) -> {
				if (ended.compareAndSet(false, true)) {
					ClientSpans.fail(context, ex);
				}
			}).doFinally((signal) -> {
				// Cancelled before a response, or completed empty: still end the span.
				if (ended.compareAndSet(false, true)) {
					Span.fromContext(context).end();
				}
			});
		});
	}

}
