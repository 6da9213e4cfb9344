package io.github.distrace.autoconfigure.ui;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Creates traces shaped like the ones the web, JDBC and {@code @Traced} instrumentation
 * produce: a server span, a traced method below it, and queries below that.
 */
final class OrderTraces {

	static final String XSS = "<img src=x onerror=alert(1)>";

	static final String LINES_SQL = "SELECT sku, quantity, price FROM order_lines WHERE order_id = ?";

	private final Tracer tracer;

	OrderTraces(Tracer tracer) {
		this.tracer = tracer;
	}

	/**
	 * Create {@code GET /orders/{id}} &gt; {@code OrderService.find} &gt;
	 * {@code SELECT orders}, spanning 40 ms from the given start.
	 * @param startMillis the start of the server span, epoch milliseconds
	 * @param failing whether the query fails (an exception event and error statuses)
	 * @return the trace id
	 */
	String order(long startMillis, boolean failing) {
		Span server = this.tracer.spanBuilder("GET /orders/{id}")
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
			.setAttribute("http.request.method", "GET")
			.setAttribute("http.route", "/orders/{id}")
			.setAttribute("url.path", "/orders/42")
			.setAttribute("server.address", "localhost")
			.setAttribute("client.address", "127.0.0.1")
			.setAttribute("user_agent.original", "curl/8.5.0")
			.setAttribute(AttributeKey.stringArrayKey("http.request.header.authorization"),
					List.of("Bearer secret-token"))
			.setAttribute(AttributeKey.stringArrayKey("http.request.header.cookie"), List.of("SESSION=secret-session"))
			.setAttribute(AttributeKey.stringArrayKey("http.response.header.set-cookie"), List.of("SESSION=new-secret"))
			.startSpan();
		Span service = this.tracer.spanBuilder("OrderService.find")
			.setParent(Context.root().with(server))
			.setStartTimestamp(startMillis + 5, TimeUnit.MILLISECONDS)
			.setAttribute("order.id", 42L)
			.startSpan();
		Span query = this.tracer.spanBuilder("SELECT orders")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(Context.root().with(service))
			.setStartTimestamp(startMillis + 10, TimeUnit.MILLISECONDS)
			.setAttribute("db.system.name", "h2")
			.setAttribute("db.namespace", "shop")
			.setAttribute("db.operation.name", "SELECT")
			.setAttribute("db.collection.name", "orders")
			.setAttribute("db.query.text", "SELECT id, total FROM orders WHERE id = ?")
			.setAttribute("db.query.summary", "SELECT orders")
			.startSpan();
		if (failing) {
			IllegalStateException failure = new IllegalStateException("Table ORDERS not found");
			query.recordException(failure);
			query.setStatus(StatusCode.ERROR, "Table ORDERS not found");
			query.setAttribute("error.type", "org.h2.jdbc.JdbcSQLSyntaxErrorException");
			server.setAttribute("http.response.status_code", 500L);
			server.setAttribute("error.type", "500");
			server.setStatus(StatusCode.ERROR);
		}
		else {
			server.setAttribute("http.response.status_code", 200L);
		}
		query.end(startMillis + 30, TimeUnit.MILLISECONDS);
		service.end(startMillis + 35, TimeUnit.MILLISECONDS);
		server.end(startMillis + 40, TimeUnit.MILLISECONDS);
		return server.getSpanContext().getTraceId();
	}

	/**
	 * Create a checkout across two services: the orders service calls the payments
	 * service, whose spans are made by a tracer of its own (for example one that exports
	 * them over OTLP to the viewer).
	 * @param payments the payments service's tracer
	 * @param startMillis the start of the server span, epoch milliseconds
	 * @return the trace id
	 */
	String checkout(Tracer payments, long startMillis) {
		Span server = this.tracer.spanBuilder("POST /orders/{id}/checkout")
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
			.setAttribute("http.request.method", "POST")
			.setAttribute("http.route", "/orders/{id}/checkout")
			.setAttribute("url.path", "/orders/42/checkout")
			.setAttribute("http.response.status_code", 200L)
			.startSpan();
		Span service = child(this.tracer, server, "CheckoutService.checkout", SpanKind.INTERNAL, startMillis + 2);
		query(this.tracer, service, "SELECT orders", "SELECT id, total, status FROM orders WHERE id = ?",
				startMillis + 4, startMillis + 9);
		query(this.tracer, service, "SELECT order_lines", LINES_SQL, startMillis + 10, startMillis + 16);
		Span call = child(this.tracer, service, "POST", SpanKind.CLIENT, startMillis + 18);
		call.setAttribute("http.request.method", "POST");
		call.setAttribute("url.full", "http://payments:8081/payments");
		Span remote = child(payments, call, "POST /payments", SpanKind.SERVER, startMillis + 20);
		remote.setAttribute("http.route", "/payments");
		Span charge = child(payments, remote, "PaymentService.charge", SpanKind.INTERNAL, startMillis + 22);
		query(payments, charge, "INSERT payments", "INSERT INTO payments (order_id, amount) VALUES (?, ?)",
				startMillis + 40, startMillis + 52);
		charge.end(startMillis + 55, TimeUnit.MILLISECONDS);
		remote.end(startMillis + 57, TimeUnit.MILLISECONDS);
		call.setAttribute("http.response.status_code", 201L);
		call.end(startMillis + 59, TimeUnit.MILLISECONDS);
		query(this.tracer, service, "UPDATE orders", "UPDATE orders SET status = ? WHERE id = ?", startMillis + 61,
				startMillis + 66);
		service.end(startMillis + 68, TimeUnit.MILLISECONDS);
		server.end(startMillis + 70, TimeUnit.MILLISECONDS);
		return server.getSpanContext().getTraceId();
	}

	/**
	 * Create {@code GET /orders} &gt; {@code OrderService.list} &gt;
	 * {@code SELECT orders} (2 ms), then one {@code SELECT order_lines} per order, the
	 * i-th lasting i ms, with the attributes and the event the recording side adds:
	 * totals on the server span and, from five orders on, the N+1 marks.
	 * @param startMillis the start of the server span, epoch milliseconds
	 * @param orders how many orders are listed
	 * @return the trace id
	 */
	String orderList(long startMillis, int orders) {
		Span server = this.tracer.spanBuilder("GET /orders")
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
			.setAttribute("http.request.method", "GET")
			.setAttribute("http.route", "/orders")
			.setAttribute("http.response.status_code", 200L)
			.startSpan();
		Span service = child(this.tracer, server, "OrderService.list", SpanKind.INTERNAL, startMillis + 1);
		query(this.tracer, service, "SELECT orders", "SELECT id, total FROM orders WHERE status = ?", startMillis + 2,
				startMillis + 4);
		long linesMillis = 0;
		for (int i = 1; i <= orders; i++) {
			long start = startMillis + 10L * i;
			query(this.tracer, service, "SELECT order_lines", LINES_SQL, start, start + i);
			linesMillis += i;
		}
		if (orders >= 5) {
			service.addEvent("distrace.n_plus_one",
					Attributes.builder()
						.put("db.query.text", LINES_SQL)
						.put("db.query.summary", "SELECT order_lines")
						.put("distrace.db.query_count", (long) orders)
						.put("distrace.db.duration_ms", (double) linesMillis)
						.build(),
					startMillis + 10L * orders + orders, TimeUnit.MILLISECONDS);
			server.setAttribute("distrace.db.n_plus_one", true);
		}
		server.setAttribute("distrace.db.query_count", orders + 1L);
		server.setAttribute("distrace.db.duration_ms", 2.0 + linesMillis);
		service.end(startMillis + 10L * orders + orders + 1, TimeUnit.MILLISECONDS);
		server.end(startMillis + 10L * orders + orders + 5, TimeUnit.MILLISECONDS);
		return server.getSpanContext().getTraceId();
	}

	/**
	 * Create a {@link #checkout checkout} whose payments spans reach the viewer the way
	 * another service's do: through a real OTLP/HTTP exporter.
	 * @param viewerPort the port of the application serving the viewer at
	 * {@code /distrace}
	 * @param startMillis the start of the server span, epoch milliseconds
	 * @return the trace id
	 */
	String checkoutWithPaymentsOverOtlp(int viewerPort, long startMillis) {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint("http://127.0.0.1:" + viewerPort + "/distrace/v1/traces")
			.build();
		try (SdkTracerProvider payments = SdkTracerProvider.builder()
			.setResource(Resource.getDefault().toBuilder().put("service.name", "payments").build())
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			String traceId = checkout(payments.get("payments"), startMillis);
			if (!payments.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()) {
				throw new IllegalStateException("The payments spans were not received");
			}
			return traceId;
		}
	}

	private static Span child(Tracer tracer, Span parent, String name, SpanKind kind, long startMillis) {
		return tracer.spanBuilder(name)
			.setSpanKind(kind)
			.setParent(Context.root().with(parent))
			.setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
			.startSpan();
	}

	private static void query(Tracer tracer, Span parent, String name, String sql, long startMillis, long endMillis) {
		Span query = child(tracer, parent, name, SpanKind.CLIENT, startMillis);
		query.setAttribute("db.system.name", "postgresql");
		query.setAttribute("db.query.text", sql);
		query.setAttribute("db.query.summary", name);
		query.end(endMillis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Create a one-span trace whose name and attribute carry an XSS payload.
	 * @param startMillis the start, epoch milliseconds
	 * @return the trace id
	 */
	String hostile(long startMillis) {
		Span span = this.tracer.spanBuilder(XSS)
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(startMillis, TimeUnit.MILLISECONDS)
			.setAllAttributes(Attributes.of(AttributeKey.stringKey("comment"), XSS))
			.startSpan();
		span.addEvent(XSS, Attributes.of(AttributeKey.stringKey("detail"), "</script><script>alert(2)</script>"),
				startMillis + 1, TimeUnit.MILLISECONDS);
		span.end(startMillis + 3, TimeUnit.MILLISECONDS);
		return span.getSpanContext().getTraceId();
	}

}
