package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client spans made by {@link TracingClientHttpRequestFactory}, against a real HTTP
 * server: the same span and headers as the interceptor's, one span when a client has
 * both, and the headers and retries of a user's interceptor seen by the server.
 */
class TracingClientHttpRequestFactoryTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.tracerProvider.get("test");

	private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private String base;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			Map<String, String> headers = new ConcurrentHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			headers.put(":body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.received.add(headers);
			int status = exchange.getRequestURI().getPath().equals("/fail") ? 503 : 200;
			byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		this.base = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		this.tracerProvider.close();
	}

	@Test
	void restClientCallIsAClientSpanWhoseContextTheServerReceives() {
		RestClient client = RestClient.builder().requestFactory(factory(new JdkClientHttpRequestFactory())).build();
		String answer = client.post().uri(this.base + "/orders?id=1").body("order 1").retrieve().body(String.class);
		assertThat(answer).isEqualTo("ok");
		SpanData span = onlySpan();
		assertThat(span.getName()).isEqualTo("POST");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getAttributes().get(HttpAttributes.HTTP_REQUEST_METHOD)).isEqualTo("POST");
		assertThat(span.getAttributes().get(UrlAttributes.URL_FULL)).isEqualTo(this.base + "/orders?id=1");
		assertThat(span.getAttributes().get(ServerAttributes.SERVER_ADDRESS)).isEqualTo("127.0.0.1");
		assertThat(span.getAttributes().get(ServerAttributes.SERVER_PORT))
			.isEqualTo((long) this.server.getAddress().getPort());
		assertThat(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(this.received).singleElement().satisfies((headers) -> {
			assertThat(headers.get("traceparent")).isEqualTo(traceparent(span));
			assertThat(headers.get(":body")).isEqualTo("order 1");
		});
	}

	@Test
	void restTemplateErrorAnswerMarksTheSpan() {
		RestTemplate restTemplate = new RestTemplate(factory(new SimpleClientHttpRequestFactory()));
		assertThatExceptionOfType(HttpServerErrorException.class)
			.isThrownBy(() -> restTemplate.getForObject(this.base + "/fail", String.class));
		SpanData span = onlySpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("503");
		assertThat(span.getAttributes().get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(503L);
		assertThat(this.received.get(0).get("traceparent")).isEqualTo(traceparent(span));
	}

	@Test
	void connectionFailureEndsTheSpanWithTheException() {
		RestClient client = RestClient.builder().requestFactory(factory(new JdkClientHttpRequestFactory())).build();
		assertThatExceptionOfType(ResourceAccessException.class)
			.isThrownBy(() -> client.get().uri("http://127.0.0.1:9/nothing").retrieve().toBodilessEntity());
		SpanData span = onlySpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).startsWith("java.");
		assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
	}

	@Test
	void userInterceptorsHeadersAndRetriesReachTheServerEachAttemptItsOwnSpan() {
		RestClient client = RestClient.builder()
			.requestFactory(factory(new JdkClientHttpRequestFactory()))
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().set("X-Tenant", "acme");
				execution.execute(request, body).close();
				return execution.execute(request, body);
			})
			.build();
		client.get().uri(this.base + "/retried").retrieve().toBodilessEntity();
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(2);
		assertThat(this.received).hasSize(2);
		for (int i = 0; i < 2; i++) {
			assertThat(this.received.get(i).get("x-tenant")).isEqualTo("acme");
			assertThat(this.received.get(i).get("traceparent")).isEqualTo(traceparent(spans.get(i)));
		}
	}

	@Test
	void clientTracedByBothTheInterceptorAndTheFactoryMakesOneSpan() {
		RestClient client = RestClient.builder()
			.requestFactory(factory(new JdkClientHttpRequestFactory()))
			.requestInterceptor(
					new TracingClientHttpRequestInterceptor(this.tracer, W3CTraceContextPropagator.getInstance()))
			.build();
		client.get().uri(this.base + "/once").retrieve().toBodilessEntity();
		SpanData span = onlySpan();
		assertThat(this.received.get(0).get("traceparent")).isEqualTo(traceparent(span));
	}

	@Test
	void callsOfAnotherClientInsideATracedCallAreTracedToo() {
		RestClient tokens = RestClient.builder().requestFactory(factory(new JdkClientHttpRequestFactory())).build();
		RestClient client = RestClient.builder()
			.requestInterceptor(
					new TracingClientHttpRequestInterceptor(this.tracer, W3CTraceContextPropagator.getInstance()))
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders()
					.setBearerAuth(tokens.get().uri(URI.create(this.base + "/token")).retrieve().body(String.class));
				return execution.execute(request, body);
			})
			.build();
		client.get().uri(this.base + "/orders").retrieve().toBodilessEntity();
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(2);
		SpanData token = spans.get(0);
		SpanData call = spans.get(1);
		assertThat(token.getParentSpanId()).isEqualTo(call.getSpanId());
		assertThat(this.received.get(0).get("traceparent")).isEqualTo(traceparent(token));
		assertThat(this.received.get(1).get("traceparent")).isEqualTo(traceparent(call));
	}

	private TracingClientHttpRequestFactory factory(ClientHttpRequestFactory delegate) {
		return new TracingClientHttpRequestFactory(delegate, this.tracer, W3CTraceContextPropagator.getInstance());
	}

	private SpanData onlySpan() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private static String traceparent(SpanData span) {
		return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
	}

}
