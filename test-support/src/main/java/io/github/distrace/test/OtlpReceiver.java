package io.github.distrace.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A real OTLP trace receiver for tests, over http/protobuf or gRPC, in plain text or on
 * TLS (with or without client certificates). It decodes the protobuf the exporter sends
 * and keeps the spans and the request headers.
 */
public final class OtlpReceiver implements AutoCloseable {

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();

	private final AtomicInteger httpRequests = new AtomicInteger();

	private final AtomicInteger refusalsLeft = new AtomicInteger();

	private volatile int refusalStatus;

	private volatile @Nullable String refusalRetryAfter;

	private final String endpoint;

	private final AutoCloseable server;

	private OtlpReceiver(boolean grpc, @Nullable TestCertificates certificates, boolean requireClientCertificate)
			throws IOException {
		String scheme = (certificates != null) ? "https" : "http";
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
		if (grpc) {
			ServerCredentials credentials = (certificates != null)
					? tlsCredentials(certificates, requireClientCertificate) : InsecureServerCredentials.create();
			Server grpcServer = NettyServerBuilder.forAddress(address, credentials)
				.addService(ServerInterceptors.intercept(new TraceService(), new HeaderRecorder()))
				.build()
				.start();
			this.endpoint = scheme + "://127.0.0.1:" + grpcServer.getPort();
			this.server = () -> grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		else {
			HttpServer httpServer = (certificates != null)
					? httpsServer(address, certificates, requireClientCertificate) : HttpServer.create(address, 0);
			httpServer.createContext("/v1/traces", this::handleHttp);
			httpServer.start();
			this.endpoint = scheme + "://127.0.0.1:" + httpServer.getAddress().getPort();
			this.server = () -> httpServer.stop(0);
		}
	}

	private static ServerCredentials tlsCredentials(TestCertificates certificates, boolean requireClientCertificate)
			throws IOException {
		try {
			return TlsServerCredentials.newBuilder()
				.keyManager(certificates.keyManagerFactory().getKeyManagers())
				.trustManager(certificates.trustManagerFactory().getTrustManagers())
				.clientAuth(requireClientCertificate ? TlsServerCredentials.ClientAuth.REQUIRE
						: TlsServerCredentials.ClientAuth.NONE)
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private static HttpsServer httpsServer(InetSocketAddress address, TestCertificates certificates,
			boolean requireClientCertificate) throws IOException {
		HttpsServer server = HttpsServer.create(address, 0);
		try {
			server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverSslContext()) {

				@Override
				public void configure(HttpsParameters parameters) {
					SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
					ssl.setNeedClientAuth(requireClientCertificate);
					parameters.setSSLParameters(ssl);
				}

			});
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
		return server;
	}

	/**
	 * Start a receiver for OTLP over http/protobuf, at {@code {endpoint}/v1/traces}.
	 * @return the started receiver
	 */
	public static OtlpReceiver http() throws IOException {
		return new OtlpReceiver(false, null, false);
	}

	/**
	 * Start a receiver for OTLP over http/protobuf on TLS, presenting the server
	 * certificate of the given certificate authority.
	 * @param certificates the certificate authority and its certificates
	 * @param requireClientCertificate whether to refuse clients without a certificate
	 * signed by the certificate authority (mutual TLS)
	 * @return the started receiver, its endpoint an {@code https} URL
	 */
	public static OtlpReceiver https(TestCertificates certificates, boolean requireClientCertificate)
			throws IOException {
		return new OtlpReceiver(false, certificates, requireClientCertificate);
	}

	/**
	 * Start a receiver for OTLP over gRPC.
	 * @return the started receiver
	 */
	public static OtlpReceiver grpc() throws IOException {
		return new OtlpReceiver(true, null, false);
	}

	/**
	 * Start a receiver for OTLP over gRPC on TLS, presenting the server certificate of
	 * the given certificate authority.
	 * @param certificates the certificate authority and its certificates
	 * @param requireClientCertificate whether to refuse clients without a certificate
	 * signed by the certificate authority (mutual TLS)
	 * @return the started receiver, its endpoint an {@code https} URL
	 */
	public static OtlpReceiver grpc(TestCertificates certificates, boolean requireClientCertificate)
			throws IOException {
		return new OtlpReceiver(true, certificates, requireClientCertificate);
	}

	/**
	 * Return the base URL to configure as {@code distrace.otlp.endpoint}.
	 * @return the base URL
	 */
	public String endpoint() {
		return this.endpoint;
	}

	public List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Return the headers of every export request received, names in lower case.
	 * @return the headers, one map per request
	 */
	public List<Map<String, String>> requestHeaders() {
		return List.copyOf(this.requestHeaders);
	}

	/**
	 * Answer the next export requests over http/protobuf with an error instead of
	 * accepting them; their spans are not kept.
	 * @param count how many requests to refuse
	 * @param status the HTTP status to answer with, such as 503
	 * @param retryAfter the {@code Retry-After} header to send, or {@code null} for none
	 */
	public void refuse(int count, int status, @Nullable String retryAfter) {
		this.refusalStatus = status;
		this.refusalRetryAfter = retryAfter;
		this.refusalsLeft.set(count);
	}

	/**
	 * Return how many export requests arrived over http/protobuf, refused ones included.
	 * @return the number of requests
	 */
	public int httpRequestCount() {
		return this.httpRequests.get();
	}

	/**
	 * Wait until a span matching the predicate has arrived.
	 * @param predicate what to wait for
	 * @return the first matching span
	 */
	public ReceivedSpan awaitSpan(Predicate<ReceivedSpan> predicate) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.spans.stream().filter(predicate).findFirst(), (found) -> found.isPresent())
			.orElseThrow();
	}

	/**
	 * Wait until a span with the given name has arrived.
	 * @param name the span name
	 * @return the span
	 */
	public ReceivedSpan awaitSpan(String name) {
		return awaitSpan((span) -> span.name().equals(name));
	}

	/**
	 * Wait until at least the given number of spans have arrived.
	 * @param count the number of spans
	 * @return all spans received
	 */
	public List<ReceivedSpan> awaitSpans(int count) {
		return awaitSpans((span) -> true, count);
	}

	/**
	 * Wait until at least the given number of spans matching the predicate have arrived.
	 * @param predicate which spans to count
	 * @param count the number of matching spans
	 * @return the matching spans received
	 */
	public List<ReceivedSpan> awaitSpans(Predicate<ReceivedSpan> predicate, int count) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.spans.stream().filter(predicate).toList(), (found) -> found.size() >= count);
	}

	private void handleHttp(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.httpRequests.incrementAndGet();
			if (this.refusalsLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				exchange.getRequestBody().readAllBytes();
				String retryAfter = this.refusalRetryAfter;
				if (retryAfter != null) {
					exchange.getResponseHeaders().add("Retry-After", retryAfter);
				}
				exchange.sendResponseHeaders(this.refusalStatus, -1);
				return;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
				body = new GZIPInputStream(body);
			}
			record(ExportTraceServiceRequest.parseFrom(body.readAllBytes()), headers);
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			exchange.getResponseBody().write(response);
		}
	}

	private void record(ExportTraceServiceRequest request, Map<String, String> headers) {
		this.requestHeaders.add(headers);
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			Map<String, String> resource = toMap(resourceSpans.getResource().getAttributesList());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					this.spans.add(toReceivedSpan(span, resource));
				}
			}
		}
	}

	private static ReceivedSpan toReceivedSpan(Span span, Map<String, String> resource) {
		HexFormat hex = HexFormat.of();
		List<String> events = new ArrayList<>();
		List<Map<String, String>> eventAttributes = new ArrayList<>();
		span.getEventsList().forEach((event) -> {
			events.add(event.getName());
			eventAttributes.add(toMap(event.getAttributesList()));
		});
		List<String> links = new ArrayList<>();
		span.getLinksList()
			.forEach((link) -> links.add(hex.formatHex(link.getTraceId().toByteArray()) + "-"
					+ hex.formatHex(link.getSpanId().toByteArray())));
		return new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()),
				hex.formatHex(span.getSpanId().toByteArray()), hex.formatHex(span.getParentSpanId().toByteArray()),
				span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
				span.getStatus().getCode().name().replace("STATUS_CODE_", ""), toMap(span.getAttributesList()),
				resource, events, span.getStatus().getMessage(), eventAttributes, links);
	}

	private static Map<String, String> toMap(List<KeyValue> attributes) {
		Map<String, String> map = new LinkedHashMap<>();
		attributes.forEach((attribute) -> map.put(attribute.getKey(), toString(attribute.getValue())));
		return map;
	}

	private static String toString(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			default -> value.toString();
		};
	}

	@Override
	public void close() throws Exception {
		this.server.close();
	}

	private final class TraceService extends TraceServiceGrpc.TraceServiceImplBase {

		@Override
		public void export(ExportTraceServiceRequest request,
				StreamObserver<ExportTraceServiceResponse> responseObserver) {
			record(request, HeaderRecorder.CURRENT.get());
			responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
			responseObserver.onCompleted();
		}

	}

	/**
	 * Hands the gRPC request metadata to the service method, which runs on the same
	 * thread for a unary call once the message has arrived.
	 */
	private static final class HeaderRecorder implements ServerInterceptor {

		static final ThreadLocal<Map<String, String>> CURRENT = ThreadLocal.withInitial(LinkedHashMap::new);

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
				ServerCallHandler<Q, R> next) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (String key : metadata.keys()) {
				if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
					headers.put(key, metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
				}
			}
			ServerCall.Listener<Q> delegate = next.startCall(call, metadata);
			return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
				@Override
				public void onHalfClose() {
					CURRENT.set(headers);
					try {
						super.onHalfClose();
					}
					finally {
						CURRENT.remove();
					}
				}
			};
		}

	}

}
