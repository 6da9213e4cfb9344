package io.github.distrace.autoconfigure.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.jayway.jsonpath.JsonPath;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer served by its servlet, on a real server: the API and files of
 * {@link AbstractViewerApiTests}, and OTLP ingestion with the statistics of the spans it
 * receives.
 */
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=orders", "distrace.exporter=none", "distrace.ui.enabled=true",
				"distrace.ui.max-request-size=64KB" })
class ViewerIntegrationTests extends AbstractViewerApiTests {

	@Test
	void aggregatesTheQueriesOfEveryServiceAcrossTraces() {
		long now = System.currentTimeMillis();
		this.traces.order(now - 3_000, false);
		this.traces.orderList(now - 2_000, 8);
		this.traces.checkoutWithPaymentsOverOtlp(this.port, now - 1_000);
		String json = get("/api/queries").getBody();
		assertThat(JsonPath.<List<String>>read(json, "$.queries[*].summary")).containsExactly("SELECT order_lines",
				"SELECT orders", "INSERT payments", "SELECT orders", "UPDATE orders", "SELECT orders");
		assertThat(JsonPath.<Map<String, Object>>read(json, "$.queries[0]"))
			.containsOnlyKeys("text", "summary", "count", "totalMs", "meanMs", "p95Ms", "maxMs", "endpoints")
			.containsEntry("text", OrderTraces.LINES_SQL)
			.containsEntry("count", 9)
			.containsEntry("totalMs", 42.0)
			.containsEntry("meanMs", 4.667)
			.containsEntry("p95Ms", 8.0)
			.containsEntry("maxMs", 8.0)
			.containsEntry("endpoints", List.of("GET /orders", "POST /orders/{id}/checkout"));
		assertThat(JsonPath.<List<String>>read(json, "$.queries[2].endpoints")).containsExactly("POST /payments");
	}

	@Test
	void aggregatesTheEndpointsOfEveryService() {
		long now = System.currentTimeMillis();
		this.traces.order(now - 4_000, false);
		this.traces.order(now - 3_000, true);
		this.traces.checkoutWithPaymentsOverOtlp(this.port, now - 1_000);
		String json = get("/api/endpoints").getBody();
		assertThat(JsonPath.<List<String>>read(json, "$.endpoints[*].name")).containsExactly("GET /orders/{id}",
				"POST /orders/{id}/checkout", "POST /payments");
		assertThat(JsonPath.<Map<String, Object>>read(json, "$.endpoints[0]"))
			.containsOnlyKeys("name", "count", "errors", "p50Ms", "p95Ms", "maxMs", "queriesPerRequest", "dbShare")
			.containsEntry("count", 2)
			.containsEntry("errors", 1)
			.containsEntry("p50Ms", 40.0)
			.containsEntry("p95Ms", 40.0)
			.containsEntry("maxMs", 40.0)
			.containsEntry("queriesPerRequest", 1.0)
			.containsEntry("dbShare", 0.5);
		assertThat(JsonPath.<Map<String, Object>>read(json, "$.endpoints[2]")).containsEntry("count", 1)
			.containsEntry("maxMs", 37.0)
			.containsEntry("queriesPerRequest", 1.0)
			.containsEntry("dbShare", 0.3243);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void receivesSpansFromAnotherServiceThroughARealOtlpExporter(boolean gzip) {
		Span local = this.tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER).startSpan();
		SpanContext localContext = local.getSpanContext();
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + this.port + "/distrace/v1/traces")
			.setCompression(gzip ? "gzip" : "none")
			.build();
		try (SdkTracerProvider payments = SdkTracerProvider.builder()
			.setResource(Resource.getDefault()
				.merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "payments"))))
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Context remoteParent = Context.root()
				.with(Span.wrap(SpanContext.createFromRemoteParent(localContext.getTraceId(), localContext.getSpanId(),
						TraceFlags.getSampled(), TraceState.getDefault())));
			Span remote = payments.get("payments")
				.spanBuilder("POST /payments")
				.setSpanKind(SpanKind.SERVER)
				.setParent(remoteParent)
				.setAttribute("http.route", "/payments")
				.setAttribute("payment.amount", 12.5)
				.setAttribute(AttributeKey.stringArrayKey("http.request.header.authorization"),
						List.of("Basic c2VjcmV0"))
				.startSpan();
			remote.addEvent("charged", Attributes.of(AttributeKey.longKey("attempt"), 1L));
			remote.end();
			assertThat(payments.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		}
		local.end();
		String json = get("/api/traces/" + localContext.getTraceId()).getBody();
		assertThat(JsonPath.<List<String>>read(json, "$.spans[*].name")).containsExactly("GET /checkout",
				"POST /payments");
		assertThat(JsonPath.<List<String>>read(json, "$.spans[*].service")).containsExactly("orders", "payments");
		assertThat(JsonPath.<String>read(json, "$.spans[1].parentSpanId")).isEqualTo(localContext.getSpanId());
		assertThat(JsonPath.<String>read(json, "$.spans[1].kind")).isEqualTo("SERVER");
		assertThat(JsonPath.<Double>read(json, "$.spans[1].attributes['payment.amount']")).isEqualTo(12.5);
		assertThat(JsonPath.<Integer>read(json, "$.spans[1].events[0].attributes.attempt")).isEqualTo(1);
		assertThat(JsonPath.<String>read(json, "$.spans[1].scope")).isEqualTo("payments");
		assertThat(json).doesNotContain("c2VjcmV0");
		assertThat(JsonPath.<List<String>>read(get("/api/traces").getBody(), "$.traces[0].services"))
			.containsExactly("orders", "payments");
	}

	@Test
	void refusesOtlpRequestsOverTheSizeLimit() throws IOException {
		ResponseEntity<String> large = postOtlp(new byte[65 * 1024], null);
		assertThat(large.getStatusCode().value()).isEqualTo(413);
		assertThat(large.getBody()).contains("distrace.ui.max-request-size");
		// A few hundred bytes that inflate beyond the limit.
		ResponseEntity<String> bomb = postOtlp(gzip(new byte[1024 * 1024]), "gzip");
		assertThat(bomb.getStatusCode().value()).isEqualTo(413);
	}

	@Test
	void refusesOtlpRequestsThatAreNotProtobuf() throws IOException {
		assertThat(postOtlp(new byte[] { 10, 100, 1 }, null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(postOtlp(new byte[] { 1, 2, 3 }, "gzip").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<String> json = this.client.post()
			.uri("/v1/traces")
			.header("Content-Type", "application/json")
			.body("{\"resourceSpans\":[]}")
			.retrieve()
			.toEntity(String.class);
		assertThat(json.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.store.size()).isZero();
		assertThat(get("/api/traces").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private ResponseEntity<String> postOtlp(byte[] body, String encoding) {
		return this.client.post().uri("/v1/traces").headers((headers) -> {
			headers.set("Content-Type", "application/x-protobuf");
			if (encoding != null) {
				headers.set("Content-Encoding", encoding);
			}
		}).body(body).retrieve().toEntity(String.class);
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(content);
		}
		return out.toByteArray();
	}

}
