package io.github.distrace.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Traces shaped like the sample app's requests, as the SDK finishes them: a server span,
 * a traced method and six queries, with their usual attributes.
 *
 * @author distrace
 */
final class SampleTraces {

	static final int SPANS_PER_TRACE = 8;

	private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	private final Tracer tracer = this.provider.get("benchmark");

	/**
	 * Make the spans of new traces.
	 * @param traces how many traces
	 * @return their spans, trace after trace
	 */
	List<SpanData> traces(int traces) {
		List<SpanData> spans = new ArrayList<>(traces * SPANS_PER_TRACE);
		for (int i = 0; i < traces; i++) {
			Span server = this.tracer.spanBuilder("GET /orders/{id}")
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("http.request.method", "GET")
				.setAttribute("http.route", "/orders/{id}")
				.setAttribute("url.path", "/orders/" + i)
				.setAttribute("url.scheme", "http")
				.setAttribute("server.address", "localhost")
				.setAttribute("server.port", 8080L)
				.setAttribute("client.address", "127.0.0.1")
				.setAttribute("user_agent.original", "wrk")
				.setAttribute("http.response.status_code", 200L)
				.startSpan();
			try (Scope serverScope = server.makeCurrent()) {
				Span method = this.tracer.spanBuilder("OrderService.find")
					.setAttribute("order.id", (long) i)
					.startSpan();
				try (Scope methodScope = method.makeCurrent()) {
					for (int query = 0; query < SPANS_PER_TRACE - 2; query++) {
						Span span = this.tracer.spanBuilder("SELECT orders")
							.setSpanKind(SpanKind.CLIENT)
							.setAttribute("db.system.name", "h2database")
							.setAttribute("db.namespace", "sample")
							.setAttribute("db.operation.name", "SELECT")
							.setAttribute("db.collection.name", "orders")
							.setAttribute("db.query.text",
									"SELECT id, customer, status, total FROM orders WHERE id = ?")
							.startSpan();
						span.end();
						spans.add(((ReadableSpan) span).toSpanData());
					}
				}
				finally {
					method.end();
				}
				spans.add(((ReadableSpan) method).toSpanData());
			}
			finally {
				server.end();
			}
			spans.add(((ReadableSpan) server).toSpanData());
		}
		return spans;
	}

}
