package io.github.distrace.benchmarks;

import java.net.URI;

import io.github.distrace.autoconfigure.web.DistraceWebClientAutoConfiguration;
import io.github.distrace.autoconfigure.web.TracingClientHttpRequestFactory;
import io.github.distrace.autoconfigure.web.TracingClientHttpRequestInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * One {@code GET} through a {@code RestClient} whose request factory answers in memory,
 * so that what is measured is the client and its instrumentation, not a network: without
 * tracing ({@code untraced}), with distrace's {@link TracingClientHttpRequestInterceptor}
 * ({@code interceptor}: Spring then wraps each request in an intercepting one, which
 * buffers it and copies its headers into the real one), and with its
 * {@link TracingClientHttpRequestFactory} ({@code factory}: the headers written into the
 * real request). Both traced variants record one span a call, with the interceptor and
 * propagators distrace's auto-configuration supplies.
 *
 * @author distrace
 */
public class RestClientBenchmark extends Settings {

	private static final URI STOCK = URI.create("http://stock.example:8080/stock/42?tenant=acme");

	private DistraceContext distrace;

	private RestClient untraced;

	private RestClient intercepted;

	private RestClient factory;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.start(new String[0], Client.class);
		TracingClientHttpRequestInterceptor interceptor = this.distrace.bean(TracingClientHttpRequestInterceptor.class);
		ClientHttpRequestFactory inMemory = RestClientBenchmark::answer;
		this.untraced = RestClient.builder().requestFactory(inMemory).build();
		this.intercepted = RestClient.builder().requestFactory(inMemory).requestInterceptor(interceptor).build();
		this.factory = RestClient.builder()
			.requestFactory(new TracingClientHttpRequestFactory(inMemory, this.distrace.tracer(),
					this.distrace.openTelemetry().getPropagators().getTextMapPropagator()))
			.build();
	}

	private static MockClientHttpRequest answer(URI uri, HttpMethod method) {
		MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
		request.setResponse(new MockClientHttpResponse(new byte[0], HttpStatus.OK));
		return request;
	}

	@Benchmark
	public ResponseEntity<Void> untraced() {
		return call(this.untraced);
	}

	@Benchmark
	public ResponseEntity<Void> interceptor() {
		this.spans++;
		return call(this.intercepted);
	}

	@Benchmark
	public ResponseEntity<Void> factory() {
		this.spans++;
		return call(this.factory);
	}

	private static ResponseEntity<Void> call(RestClient client) {
		return client.get().uri(STOCK).header("Accept", "application/json").retrieve().toBodilessEntity();
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	/**
	 * distrace's client instrumentation, as an application has it.
	 */
	@ImportAutoConfiguration(DistraceWebClientAutoConfiguration.class)
	static class Client {

	}

}
