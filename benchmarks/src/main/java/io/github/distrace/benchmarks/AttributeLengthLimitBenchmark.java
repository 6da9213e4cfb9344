package io.github.distrace.benchmarks;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a limit on the length of attribute values costs as a span's attributes are set: a
 * server span with the ten attributes distrace gives a request's span, on the SDK alone,
 * with distrace's default limit ({@code 4096},
 * {@code distrace.limits.max-attribute-value-length}) and with none ({@code 2147483647},
 * OpenTelemetry's default). With a limit, the SDK asks of every value whether it is a
 * list, a type check that Java 17 makes by scanning the value's interfaces (since JDK 23
 * a table look-up); run it on both to see the difference.
 *
 * @author distrace
 */
public class AttributeLengthLimitBenchmark extends Settings {

	private static final AttributeKey<String> TENANT = AttributeKey.stringKey("tenant");

	@Param({ "4096", "2147483647" })
	public int limit;

	private SdkTracerProvider tracerProvider;

	private Tracer tracer;

	@Setup
	public void start() {
		this.tracerProvider = SdkTracerProvider.builder()
			.setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(this.limit).build())
			.build();
		this.tracer = this.tracerProvider.get("benchmark");
	}

	@Benchmark
	public Span serverSpan() {
		Span span = this.tracer.spanBuilder("GET")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
			.setAttribute(UrlAttributes.URL_PATH, "/orders/2/overview")
			.setAttribute(UrlAttributes.URL_SCHEME, "http")
			.setAttribute(ServerAttributes.SERVER_ADDRESS, "localhost")
			.setAttribute(ServerAttributes.SERVER_PORT, 8080L)
			.setAttribute(ClientAttributes.CLIENT_ADDRESS, "127.0.0.1")
			.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, "wrk")
			.setAttribute(TENANT, "acme")
			.startSpan();
		span.setAttribute(HttpAttributes.HTTP_ROUTE, "/orders/{id}/overview");
		span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
		span.end();
		return span;
	}

	/**
	 * Check that the spans were recorded with every attribute, then shut down.
	 */
	@TearDown
	public void verify() {
		ReadableSpan span = (ReadableSpan) serverSpan();
		this.tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
		if (span.toSpanData().getAttributes().size() != 10) {
			throw new IllegalStateException("Not every attribute was recorded: " + span.toSpanData().getAttributes());
		}
	}

}
