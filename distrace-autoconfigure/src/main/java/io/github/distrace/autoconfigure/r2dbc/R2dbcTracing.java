package io.github.distrace.autoconfigure.r2dbc;

import io.github.distrace.DistraceAttributes;
import io.github.distrace.SqlCommenter;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties.StatementMode;
import io.github.distrace.autoconfigure.sdk.internal.OpenTelemetryContextAccessor;
import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.github.distrace.autoconfigure.sql.QuerySpan;
import io.github.distrace.autoconfigure.sql.QuerySpans;
import io.github.distrace.autoconfigure.sql.SqlErrors;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * What the traced connection factories share: the tracer, the settings, the parsed
 * statements, and how a query span is started and ended.
 *
 * @author distrace
 */
final class R2dbcTracing {

	// The same mark as on slow JDBC statements, which database insight and the viewer
	// read.
	private static final AttributeKey<Boolean> SLOW = DistraceAttributes.DB_SLOW;

	// Incubating in the semantic conventions, so not in the stable artifact.
	private static final AttributeKey<Long> RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final QuerySpans querySpans;

	private final boolean sqlcommenter;

	private final boolean rawErrors;

	private final long slowThresholdNanos;

	private final boolean unsampledParentsFollowed;

	/**
	 * Create an instance.
	 * @param tracer makes the spans
	 * @param propagator writes SQL comments
	 * @param properties the settings, JDBC's
	 * @param unsampledParentsFollowed whether the sampler drops every child of an
	 * unsampled parent, so that such a query needs no span at all
	 * @param maxTextLength the length past which the span limits cut an attribute value
	 */
	R2dbcTracing(Tracer tracer, TextMapPropagator propagator, DistraceJdbcProperties properties,
			boolean unsampledParentsFollowed, int maxTextLength) {
		this.tracer = tracer;
		this.propagator = propagator;
		StatementMode mode = properties.getStatement();
		this.querySpans = new QuerySpans(mode != StatementMode.OFF, mode == StatementMode.RAW, maxTextLength);
		this.sqlcommenter = properties.isSqlcommenter();
		this.rawErrors = mode == StatementMode.RAW;
		this.slowThresholdNanos = properties.getSlowQuery().getThreshold().toNanos();
		this.unsampledParentsFollowed = unsampledParentsFollowed;
	}

	QuerySpans querySpans() {
		return this.querySpans;
	}

	/**
	 * Add the current trace context to a statement's text, if configured: the context
	 * current when the statement is created, as a JDBC {@code PreparedStatement} carries
	 * the context current when it was prepared.
	 * @param sql the statement
	 * @return the text to hand to the driver: the same text when nothing changes
	 */
	String comment(String sql) {
		return this.sqlcommenter ? SqlCommenter.inject(sql, Context.current(), this.propagator) : sql;
	}

	/**
	 * Return the parent of a statement's span: the OpenTelemetry context in the Reactor
	 * context of the subscriber that executes it, where the server span, a reactive
	 * {@code @Traced} method or Reactor's context propagation put it. A statement
	 * executed outside any traced chain (subscribed by {@code block()} in blocking code)
	 * takes the subscribing thread's current context instead.
	 * @param reactorContext the subscriber's context
	 * @return the parent context
	 */
	static Context parent(ContextView reactorContext) {
		Object context = reactorContext.getOrDefault(OpenTelemetryContextAccessor.KEY, null);
		return (context instanceof Context parent) ? parent : Context.current();
	}

	/**
	 * Return whether a span made under the given parent could be recorded: not when the
	 * parent was sampled out and the sampler follows it.
	 * @param parent the parent context
	 * @return whether to make a span
	 */
	boolean traces(Context parent) {
		return !(this.unsampledParentsFollowed && UnsampledParents.isUnsampled(parent));
	}

	Span start(Context parent, QuerySpan query) {
		return this.tracer.spanBuilder(query.name())
			.setParent(parent)
			.setSpanKind(SpanKind.CLIENT)
			.setAllAttributes(query.attributes())
			.startSpan();
	}

	/**
	 * End a query span once its results were read, it failed or it was cancelled.
	 * @param span the span
	 * @param failure what the statement signalled, or {@code null}
	 * @param returnedRows the rows read, or a negative number when not counted
	 */
	void end(Span span, @Nullable Throwable failure, long returnedRows) {
		try {
			if (returnedRows >= 0) {
				span.setAttribute(RETURNED_ROWS, returnedRows);
			}
			if (failure != null) {
				String sqlState = (failure instanceof R2dbcException r2dbc) ? r2dbc.getSqlState() : null;
				SqlErrors.failed(span, failure, sqlState, this.rawErrors);
			}
			// Only the SDK's spans know their duration.
			if (span instanceof ReadableSpan readable && readable.getLatencyNanos() >= this.slowThresholdNanos) {
				span.setAttribute(SLOW, true);
			}
		}
		finally {
			span.end();
		}
	}

}
