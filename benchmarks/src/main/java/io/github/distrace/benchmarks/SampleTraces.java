package io.github.distrace.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;

/**
 * Spans shaped like the sample app's: the attributes distrace gives the spans of the
 * overview request that the load test sends, for benchmarks of what a span's attributes
 * cost, that request's seven spans as the SDK finishes them, for what exporting them
 * costs, and whole traces (a server span, a traced method and six queries) for the
 * viewer's store.
 *
 * @author distrace
 */
final class SampleTraces {

	/**
	 * What distrace puts on the overview request's server span as it starts, the tenant
	 * that the request's baggage carries among them.
	 */
	static final Attributes OVERVIEW_REQUEST = Attributes.builder()
		.put(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
		.put(UrlAttributes.URL_PATH, "/orders/2/overview")
		.put(UrlAttributes.URL_SCHEME, "http")
		.put(ServerAttributes.SERVER_ADDRESS, "localhost")
		.put(ServerAttributes.SERVER_PORT, 8080L)
		.put(ClientAttributes.CLIENT_ADDRESS, "127.0.0.1")
		.put(UserAgentAttributes.USER_AGENT_ORIGINAL, "wrk")
		.put("tenant", "acme")
		.build();

	/**
	 * What it adds to that span as the request ends, database insight's count of its
	 * queries among them.
	 */
	static final Attributes OVERVIEW_RESPONSE = Attributes.builder()
		.put(HttpAttributes.HTTP_ROUTE, "/orders/{id}/overview")
		.put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L)
		.put("distrace.db.query_count", 3L)
		.build();

	/**
	 * What distrace puts on each of the overview's query spans as the query starts; the
	 * rows it returned ({@link #RETURNED_ROWS}) come as it ends.
	 */
	static final Attributes OVERVIEW_QUERY = Attributes.builder()
		.put(DbAttributes.DB_SYSTEM_NAME, "h2database")
		.put(DbAttributes.DB_NAMESPACE, "shop")
		.put(DbAttributes.DB_QUERY_TEXT, Database.QUERY)
		.put(DbAttributes.DB_QUERY_SUMMARY, "SELECT orders")
		.put(DbAttributes.DB_OPERATION_NAME, "SELECT")
		.put(DbAttributes.DB_COLLECTION_NAME, "orders")
		.put("tenant", "acme")
		.build();

	// Not in the stable semantic conventions yet; distrace's JDBC spans carry it.
	static final AttributeKey<Long> RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");

	static final int SPANS_PER_TRACE = 8;

	/**
	 * The spans of one overview request: two server spans, the traced method, three
	 * queries, one client call.
	 */
	static final int OVERVIEW_SPANS = 7;

	private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	private final Tracer tracer = this.provider.get("benchmark");

	/**
	 * Make the spans of the overview request, as the load test's requests make them: its
	 * server span, the traced method, three queries, the call to {@code /stock/{id}} and
	 * that call's server span, each with the attributes distrace gives it, in the order
	 * they end.
	 * @param requests how many requests, each a trace of its own
	 * @return their spans, request after request
	 */
	static List<SpanData> overviewRequests(int requests) {
		Resource resource = Resource.getDefault().merge(Resource.builder().put("service.name", "sample-app").build());
		List<SpanData> spans = new ArrayList<>(requests * OVERVIEW_SPANS);
		try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource).build()) {
			Tracer tracer = provider.get("io.github.distrace");
			for (int i = 0; i < requests; i++) {
				Span server = tracer.spanBuilder("GET /orders/{id}/overview")
					.setSpanKind(SpanKind.SERVER)
					.setAllAttributes(OVERVIEW_REQUEST)
					.startSpan();
				Context request = Context.root().with(server);
				Span method = tracer.spanBuilder("OrderOverviews.overview")
					.setParent(request)
					.setAttribute("order.id", "2")
					.setAttribute("tenant", "acme")
					.startSpan();
				Context traced = request.with(method);
				for (int query = 0; query < 3; query++) {
					ended(spans,
							tracer.spanBuilder("SELECT orders")
								.setParent(traced)
								.setSpanKind(SpanKind.CLIENT)
								.setAllAttributes(OVERVIEW_QUERY)
								.startSpan()
								.setAttribute(RETURNED_ROWS, 1L));
				}
				Span call = tracer.spanBuilder("GET")
					.setParent(traced)
					.setSpanKind(SpanKind.CLIENT)
					.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
					.setAttribute(UrlAttributes.URL_FULL, "http://localhost:8080/stock/2")
					.setAttribute(ServerAttributes.SERVER_ADDRESS, "localhost")
					.setAttribute(ServerAttributes.SERVER_PORT, 8080L)
					.setAttribute("tenant", "acme")
					.startSpan();
				ended(spans,
						tracer.spanBuilder("GET /stock/{id}")
							.setParent(request.with(call))
							.setSpanKind(SpanKind.SERVER)
							.setAllAttributes(OVERVIEW_REQUEST)
							.setAttribute(UrlAttributes.URL_PATH, "/stock/2")
							.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, "Java-http-client/17.0.15")
							.startSpan()
							.setAttribute(HttpAttributes.HTTP_ROUTE, "/stock/{id}")
							.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L));
				ended(spans, call.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L));
				ended(spans, method);
				ended(spans, server.setAllAttributes(OVERVIEW_RESPONSE));
			}
		}
		return spans;
	}

	private static void ended(List<SpanData> spans, Span span) {
		span.end();
		spans.add(((ReadableSpan) span).toSpanData());
	}

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
							.setAttribute("db.query.text", Database.QUERY)
							.startSpan();
						ended(spans, span);
					}
				}
				finally {
					ended(spans, method);
				}
			}
			finally {
				ended(spans, server);
			}
		}
		return spans;
	}

}
