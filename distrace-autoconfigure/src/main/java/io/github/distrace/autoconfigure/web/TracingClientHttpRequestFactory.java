package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInitializer;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Gives every call of a {@code RestClient} or {@code RestTemplate} a {@code CLIENT} span,
 * as {@link TracingClientHttpRequestInterceptor} does, from the request factory that
 * creates its requests: the trace headers are written into the real request and the span
 * ends with its response. Unlike an interceptor, it leaves the client without Spring's
 * intercepting request, which buffers each request and copies its headers. distrace uses
 * it for {@code RestTemplate}s without interceptors of their own; wrap a client's factory
 * in it yourself for a client that Spring does not manage.
 * <p>
 * A call that a {@link TracingClientHttpRequestInterceptor} of the same client already
 * traces gets no second span.
 *
 * @author distrace
 */
public final class TracingClientHttpRequestFactory implements ClientHttpRequestFactory {

	/**
	 * Marks a {@code RestClient} builder, and the clients built from it, as traced
	 * through its request factory; it does nothing to requests.
	 */
	static final ClientHttpRequestInitializer MARKER = (request) -> {
	};

	private final ClientHttpRequestFactory delegate;

	private final ClientSpans spans;

	/**
	 * Create a factory.
	 * @param delegate the factory that creates the real requests
	 * @param tracer the tracer that starts the client spans
	 * @param propagator the propagator that writes the trace headers, usually
	 * {@code openTelemetry.getPropagators().getTextMapPropagator()}
	 */
	public TracingClientHttpRequestFactory(ClientHttpRequestFactory delegate, Tracer tracer,
			TextMapPropagator propagator) {
		this(delegate, new ClientSpans(tracer, propagator));
	}

	TracingClientHttpRequestFactory(ClientHttpRequestFactory delegate, ClientSpans spans) {
		this.delegate = delegate;
		this.spans = spans;
	}

	/**
	 * Return the factory that creates the real requests.
	 * @return the factory this one wraps
	 */
	public ClientHttpRequestFactory getDelegate() {
		return this.delegate;
	}

	/**
	 * Return whether a {@code RestClient} builder's clients are traced through their
	 * request factory.
	 * @param builder the builder
	 * @return whether it carries the {@link #MARKER}
	 */
	static boolean isTracedThroughFactory(RestClient.Builder builder) {
		boolean[] traced = new boolean[1];
		builder.requestInitializers((initializers) -> traced[0] = initializers.contains(MARKER));
		return traced[0];
	}

	ClientSpans spans() {
		return this.spans;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		ClientHttpRequest request = this.delegate.createRequest(uri, httpMethod);
		// RestClient streams the body into a request that can take it so.
		return (request instanceof StreamingHttpOutputMessage) ? new TracedStreamingRequest(request, this.spans)
				: new TracedRequest(request, this.spans);
	}

	/**
	 * A real request whose execution is a client span.
	 */
	private static class TracedRequest implements ClientHttpRequest {

		protected final ClientHttpRequest request;

		private final ClientSpans spans;

		TracedRequest(ClientHttpRequest request, ClientSpans spans) {
			this.request = request;
			this.spans = spans;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			if (this.request.getAttributes().containsKey(ClientSpans.TRACED_ATTRIBUTE)) {
				return this.request.execute();
			}
			return this.spans.call(this.request, this.request::execute);
		}

		@Override
		public OutputStream getBody() throws IOException {
			return this.request.getBody();
		}

		@Override
		public HttpMethod getMethod() {
			return this.request.getMethod();
		}

		@Override
		public URI getURI() {
			return this.request.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.request.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.request.getHeaders();
		}

	}

	/**
	 * A traced request that takes its body as a stream, as the real one does.
	 */
	private static final class TracedStreamingRequest extends TracedRequest implements StreamingHttpOutputMessage {

		TracedStreamingRequest(ClientHttpRequest request, ClientSpans spans) {
			super(request, spans);
		}

		@Override
		public void setBody(Body body) {
			((StreamingHttpOutputMessage) this.request).setBody(body);
		}

	}

}
