package io.github.distrace.autoconfigure.web;

import java.io.IOException;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Gives every call of a {@code RestClient} or {@code RestTemplate} a {@code CLIENT} span
 * and carries the trace context in the request headers. Applied automatically to clients
 * built from Spring Boot's builders and to {@code RestClient} and {@code RestTemplate}
 * beans; add it yourself to a client that Spring does not manage.
 *
 * @author distrace
 */
public final class TracingClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final ClientSpans spans;

	/**
	 * Create an interceptor.
	 * @param tracer the tracer that starts the client spans
	 * @param propagator the propagator that writes the trace headers, usually
	 * {@code openTelemetry.getPropagators().getTextMapPropagator()}
	 */
	public TracingClientHttpRequestInterceptor(Tracer tracer, TextMapPropagator propagator) {
		this.spans = new ClientSpans(tracer, propagator);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		request.getAttributes().put(ClientSpans.TRACED_ATTRIBUTE, Boolean.TRUE);
		return this.spans.call(request, () -> execution.execute(request, body));
	}

	ClientSpans spans() {
		return this.spans;
	}

}
