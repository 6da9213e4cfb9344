package io.github.distrace;

import java.util.Map;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlCommenterTests {

	private static final SpanContext SPAN_CONTEXT = SpanContext.create("0af7651916cd43dd8448eb211c80319c",
			"b7ad6b7169203331", TraceFlags.getSampled(), TraceState.builder().put("congo", "t61rcWkgMzE").build());

	private static final Context CONTEXT = Context.root().with(Span.wrap(SPAN_CONTEXT));

	@Test
	void injectAppendsSortedEncodedFields() {
		// The baggage header is already percent-encoded; sqlcommenter encodes it again.
		Context context = CONTEXT.with(Baggage.builder().put("user", "alice smith").build());
		try (Scope scope = context.makeCurrent()) {
			assertThat(SqlCommenter.inject("SELECT * FROM orders"))
				.isEqualTo("SELECT * FROM orders " + "/*baggage='user%3Dalice%2520smith',"
						+ "traceparent='00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',"
						+ "tracestate='congo%3Dt61rcWkgMzE'*/");
		}
	}

	@Test
	void injectPutsTheCommentBeforeATrailingSemicolon() {
		assertThat(SqlCommenter.inject("SELECT 1 ;  ", CONTEXT, W3CTraceContextPropagator.getInstance()))
			.startsWith("SELECT 1 /*traceparent=")
			.endsWith("*/ ;  ");
	}

	@Test
	void injectLeavesCommentedStatementsAlone() {
		W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();
		assertThat(SqlCommenter.inject("SELECT 1 /* mine */", CONTEXT, propagator)).isEqualTo("SELECT 1 /* mine */");
		assertThat(SqlCommenter.inject("SELECT 1 -- mine", CONTEXT, propagator)).isEqualTo("SELECT 1 -- mine");
	}

	@Test
	void injectWithoutContextLeavesTheStatementAlone() {
		assertThat(SqlCommenter.inject("SELECT 1")).isEqualTo("SELECT 1");
	}

	@Test
	void hostileValuesCannotLeaveTheComment() {
		String hostile = "x*/;DROP TABLE t;-- '\\ /* */";
		SpanContext spanContext = SpanContext.create(SPAN_CONTEXT.getTraceId(), SPAN_CONTEXT.getSpanId(),
				TraceFlags.getSampled(), TraceState.builder().put("evil", "x*/;DROP").build());
		Context context = Context.root()
			.with(Span.wrap(spanContext))
			.with(Baggage.builder().put("k", hostile).put("x*/;--", hostile).build());
		try (Scope scope = context.makeCurrent()) {
			String sql = SqlCommenter.inject("SELECT 1");
			String comment = sql.substring("SELECT 1 /*".length(), sql.length() - 2);
			assertThat(comment).doesNotContain("*/", "/*", "'\\'", ";").doesNotContainPattern("[^\\\\]'[^,=]*'[^,]");
			assertThat(Baggage.fromContext(SqlCommenter.extract(sql)).getEntryValue("k")).isEqualTo(hostile);
		}
	}

	@Test
	void injectThenExtractGivesBackTheContext() {
		Context context = CONTEXT.with(Baggage.builder().put("tenant", "a,b=c'd").build());
		String sql = SqlCommenter.inject("UPDATE t SET a = ?", context, TextMapPropagator
			.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
		Context extracted = SqlCommenter.extract(sql);
		SpanContext spanContext = Span.fromContext(extracted).getSpanContext();
		assertThat(spanContext.getTraceId()).isEqualTo(SPAN_CONTEXT.getTraceId());
		assertThat(spanContext.getSpanId()).isEqualTo(SPAN_CONTEXT.getSpanId());
		assertThat(spanContext.getTraceFlags()).isEqualTo(SPAN_CONTEXT.getTraceFlags());
		assertThat(spanContext.getTraceState()).isEqualTo(SPAN_CONTEXT.getTraceState());
		assertThat(spanContext.isRemote()).isTrue();
		assertThat(Baggage.fromContext(extracted).getEntryValue("tenant")).isEqualTo("a,b=c'd");
		assertThat(SqlCommenter.strip(sql)).isEqualTo("UPDATE t SET a = ?");
	}

	@Test
	void otherPropagatorsRoundTrip() {
		B3Propagator b3 = B3Propagator.injectingSingleHeader();
		String sql = SqlCommenter.inject("SELECT 1", CONTEXT, b3);
		assertThat(sql).contains("b3='");
		assertThat(Span.fromContext(SqlCommenter.extract(sql, b3)).getSpanContext().getSpanId())
			.isEqualTo(SPAN_CONTEXT.getSpanId());
	}

	@Test
	void fieldsAreDecoded() {
		assertThat(SqlCommenter.fields("SELECT 1 /*a='x%20y',b='it\\'s'*/;"))
			.isEqualTo(Map.of("a", "x y", "b", "it's"));
	}

	@Test
	void malformedCommentsAreIgnored() {
		for (String sql : new String[] { "SELECT 1", "SELECT 1 /* plain comment */", "SELECT 1 /*a='x*/",
				"SELECT 1 /*a='%zz'*/", "SELECT 1 /*a='x' b='y'*/", "SELECT 1 /*='x'*/", "*/",
				"SELECT 1 /*traceparent='00-garbage-01'*/", "SELECT 1 /*" + "a".repeat(10000) + "='x'*/" }) {
			assertThat(Span.fromContext(SqlCommenter.extract(sql)).getSpanContext().isValid()).as(sql).isFalse();
		}
		assertThat(SqlCommenter.strip("SELECT 1 /* plain comment */")).isEqualTo("SELECT 1 /* plain comment */");
		assertThat(SqlCommenter.strip("SELECT 1")).isEqualTo("SELECT 1");
	}

	@Test
	void stripKeepsATrailingSemicolon() {
		assertThat(SqlCommenter.strip("SELECT 1 /*traceparent='x'*/;")).isEqualTo("SELECT 1;");
	}

}
