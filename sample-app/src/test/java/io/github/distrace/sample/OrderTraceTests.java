package io.github.distrace.sample;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.distrace.test.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's main request, exported over OTLP: the server span, {@code @Traced}
 * methods, a programmatic span, the SQL query, an {@code @Async} step and a second
 * service, with the tenant baggage on the spans and in the log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrderTraceTests extends ExportingSampleTests {

	@Test
	void oneRequestIsOneTraceFromTheHandlerToTheDatabaseAndTheSecondService(CapturedOutput output) {
		String body = client().get().uri("/orders/1?tenant=globex").retrieve().body(String.class);
		assertThat(body).contains("\"customer\":\"Ada\"").contains("stock of 1 for tenant globex");
		Matcher traceId = Pattern.compile("\"traceId\":\"([0-9a-f]{32})\"").matcher(body);
		assertThat(traceId.find()).as("trace id in %s", body).isTrue();
		ReceivedSpan server = span(traceId.group(1), "GET /orders/{id}");
		ReceivedSpan handler = span(traceId.group(1), "OrderController.order");
		ReceivedSpan find = span(traceId.group(1), "OrderService.find");
		ReceivedSpan query = span(traceId.group(1), "database_query");
		ReceivedSpan sql = span(traceId.group(1), "SELECT orders");
		ReceivedSpan audit = span(traceId.group(1), "AuditTrail.record");
		ReceivedSpan stockCall = span(traceId.group(1), "GET");
		ReceivedSpan stockServer = span(traceId.group(1), "GET /stock/{id}");
		assertThat(stockCall.kind()).isEqualTo("CLIENT");
		assertThat(handler.parentSpanId()).isEqualTo(server.spanId());
		assertThat(find.parentSpanId()).isEqualTo(handler.spanId());
		assertThat(query.parentSpanId()).isEqualTo(find.spanId());
		assertThat(sql.parentSpanId()).isEqualTo(query.spanId());
		assertThat(audit.parentSpanId()).isEqualTo(handler.spanId());
		assertThat(stockCall.parentSpanId()).isEqualTo(handler.spanId());
		assertThat(stockServer.parentSpanId()).isEqualTo(stockCall.spanId());
		assertThat(find.attribute("order.id")).isEqualTo("1");
		assertThat(query.attribute("query_status")).isEqualTo("success");
		assertThat(sql.attribute("db.query.text"))
			.isEqualTo("SELECT id, customer, status, total FROM orders WHERE id = ?");
		assertThat(List.of(find, audit, stockServer)).extracting((span) -> span.attribute("tenant"))
			.containsOnly("globex");
		assertThat(output).containsPattern(
				"\\[" + audit.traceId() + "-" + audit.spanId() + "\\] \\[tenant=globex\\] .*Audited access to order 1");
	}

	private static ReceivedSpan span(String traceId, String name) {
		return receiver.awaitSpan((span) -> span.traceId().equals(traceId) && span.name().equals(name));
	}

}
