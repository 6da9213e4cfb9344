package io.github.distrace.autoconfigure.redis;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TracedCommand;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The span of one Lettuce command, from its write to the connection to its reply. Lettuce
 * names, tags and annotates it as well; only the command itself is read, so that nothing
 * Lettuce would attach (such as its arguments) reaches the span.
 *
 * @author distrace
 */
final class LettuceCommandSpan extends Tracer.Span {

	/**
	 * The command's text with the variable parts of its keys replaced, set where it differs
	 * from {@code db.query.text}: what database insight and the viewer group commands by.
	 */
	static final AttributeKey<String> QUERY_PATTERN = AttributeKey.stringKey("distrace.db.query_pattern");

	/**
	 * Set on a command sent while another one of the same parent awaited its reply: they
	 * share round trips, so a repeat of it is no N+1.
	 */
	static final AttributeKey<Boolean> PIPELINED = AttributeKey.booleanKey("distrace.db.pipelined");

	/** A command that gets no span: its parent was sampled out. */
	static final LettuceCommandSpan NONE = new LettuceCommandSpan(null, Context.root(), 0L, new InFlightCommands());

	private final io.opentelemetry.api.trace.@Nullable Tracer tracer;

	private final Context parent;

	private final long database;

	private final InFlightCommands inFlight;

	private RedisEndpoint endpoint = RedisEndpoint.UNKNOWN;

	LettuceCommandSpan(io.opentelemetry.api.trace.@Nullable Tracer tracer, Context parent, long database,
			InFlightCommands inFlight) {
		this.tracer = tracer;
		this.parent = parent;
		this.database = database;
		this.inFlight = inFlight;
	}

	@Override
	public Tracer.Span start(RedisCommand<?, ?, ?> command) {
		// Lettuce's own commands (the handshake: HELLO, AUTH, SELECT, CLIENT SETINFO) are
		// written on its event loop, outside any request, and never wrapped: no span.
		if (this.tracer == null || !(command instanceof CompleteableCommand<?> completeable)
				|| CommandWrapper.unwrap(command, TracedCommand.class) == null) {
			return this;
		}
		String name = command.getType().toString();
		SpanBuilder builder = this.tracer.spanBuilder(name)
			.setParent(this.parent)
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(DbAttributes.DB_SYSTEM_NAME, "redis")
			.setAttribute(DbAttributes.DB_OPERATION_NAME, name)
			.setAttribute(DbAttributes.DB_NAMESPACE, Long.toString(this.database));
		RedisArguments arguments = LettuceArguments.of(command.getArgs());
		String text = (arguments != null) ? RedisCommandText.of(name, arguments) : name;
		builder.setAttribute(DbAttributes.DB_QUERY_TEXT, text);
		String pattern = RedisCommandPattern.of(name, text);
		if (pattern != text) {
			builder.setAttribute(QUERY_PATTERN, pattern);
		}
		if (this.endpoint.address() != null) {
			builder.setAttribute(ServerAttributes.SERVER_ADDRESS, this.endpoint.address());
			builder.setAttribute(ServerAttributes.SERVER_PORT, this.endpoint.port());
		}
		Span span = builder.startSpan();
		Span parentSpan = Span.fromContext(this.parent);
		// A command outside any span is in no request: nothing to tell apart.
		InFlightCommands.Overlap overlap = parentSpan.getSpanContext().isValid() ? this.inFlight.sent(parentSpan)
				: null;
		completeable.onComplete((result, failure) -> {
			if (overlap != null && this.inFlight.completed(parentSpan, overlap)) {
				span.setAttribute(PIPELINED, true);
			}
			end(span, command.getOutput(), failure);
		});
		return this;
	}

	private static void end(Span span, @Nullable CommandOutput<?, ?, ?> output, @Nullable Throwable failure) {
		String errorReply = (output != null) ? output.getError() : null;
		if (errorReply != null) {
			// The reply's first word is its kind (ERR, WRONGTYPE, NOSCRIPT); the rest may
			// quote the command's values, so it is never recorded.
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, RedisErrors.kind(errorReply));
		}
		else if (failure != null) {
			span.setStatus(StatusCode.ERROR);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
		}
		span.end();
	}

	@Override
	public Tracer.Span name(String name) {
		return this;
	}

	@Override
	public Tracer.Span annotate(String value) {
		return this;
	}

	@Override
	public Tracer.Span tag(String key, String value) {
		return this;
	}

	@Override
	public Tracer.Span error(Throwable throwable) {
		return this;
	}

	@Override
	public Tracer.Span remoteEndpoint(Tracing.Endpoint endpoint) {
		// NONE is shared between threads: it keeps nothing.
		if (this.tracer != null && endpoint instanceof RedisEndpoint redis) {
			this.endpoint = redis;
		}
		return this;
	}

	@Override
	public void finish() {
	}

}
