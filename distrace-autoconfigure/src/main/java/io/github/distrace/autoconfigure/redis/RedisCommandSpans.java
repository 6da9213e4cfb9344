package io.github.distrace.autoconfigure.redis;

import io.github.distrace.DistraceAttributes;
import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The spans of Redis commands, whatever the client: each client tells when a command is
 * written and when its reply (or failure) arrives, and gets the same span for it.
 *
 * @author distrace
 */
final class RedisCommandSpans {

	/**
	 * The command's text with the variable parts of its keys replaced, set where it
	 * differs from {@code db.query.text}: what database insight and the viewer group
	 * commands by.
	 */
	static final AttributeKey<String> QUERY_PATTERN = DistraceAttributes.DB_QUERY_PATTERN;

	/**
	 * Set on a command sent while another one of the same parent awaited its reply: they
	 * share round trips, so a repeat of it is no N+1.
	 */
	static final AttributeKey<Boolean> PIPELINED = DistraceAttributes.DB_PIPELINED;

	private final Tracer tracer;

	private final boolean unsampledParentsFollowed;

	private final InFlightCommands inFlight = new InFlightCommands();

	/**
	 * Create an instance.
	 * @param tracer makes the spans
	 * @param unsampledParentsFollowed whether the sampler drops every child of an
	 * unsampled parent, so that such a command needs no span at all
	 */
	RedisCommandSpans(Tracer tracer, boolean unsampledParentsFollowed) {
		this.tracer = tracer;
		this.unsampledParentsFollowed = unsampledParentsFollowed;
	}

	/**
	 * Return whether a command sent below a parent needs no span, its parent having been
	 * sampled out.
	 * @param parent the context current where the command was sent
	 * @return whether the command gets no span
	 */
	boolean isDropped(Context parent) {
		return this.unsampledParentsFollowed && UnsampledParents.isUnsampled(parent);
	}

	/**
	 * Start the span of a command that is being written to its connection.
	 * @param parent the context current where the command was sent
	 * @param command the command's name, such as {@code GET}
	 * @param arguments its arguments, or {@code null} if they cannot be read (the command
	 * is then shown by name only)
	 * @param database the database index of the connection
	 * @param endpoint the server of the connection
	 * @return the command, to be completed when its reply arrives
	 */
	SentCommand start(Context parent, String command, @Nullable RedisArguments arguments, long database,
			RedisEndpoint endpoint) {
		SpanBuilder builder = this.tracer.spanBuilder(command)
			.setParent(parent)
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(DbAttributes.DB_SYSTEM_NAME, "redis")
			.setAttribute(DbAttributes.DB_OPERATION_NAME, command)
			.setAttribute(DbAttributes.DB_NAMESPACE, Long.toString(database));
		String text = (arguments != null) ? RedisCommandText.of(command, arguments) : command;
		builder.setAttribute(DbAttributes.DB_QUERY_TEXT, text);
		String pattern = RedisCommandPattern.of(command, text);
		if (pattern != text) {
			builder.setAttribute(QUERY_PATTERN, pattern);
		}
		if (endpoint.address() != null) {
			builder.setAttribute(ServerAttributes.SERVER_ADDRESS, endpoint.address());
			builder.setAttribute(ServerAttributes.SERVER_PORT, endpoint.port());
		}
		Span span = builder.startSpan();
		Span parentSpan = Span.fromContext(parent);
		// A command outside any span is in no request: nothing to tell apart.
		InFlightCommands.Overlap overlap = parentSpan.getSpanContext().isValid() ? this.inFlight.sent(parentSpan)
				: null;
		return new SentCommand(span, parentSpan, overlap);
	}

	/**
	 * A command written to its connection, whose span lasts until its reply arrives.
	 */
	final class SentCommand {

		private final Span span;

		private final Span parent;

		private final InFlightCommands.@Nullable Overlap overlap;

		private SentCommand(Span span, Span parent, InFlightCommands.@Nullable Overlap overlap) {
			this.span = span;
			this.parent = parent;
			this.overlap = overlap;
		}

		/**
		 * End the command's span.
		 * @param errorReply the error the server replied with, or {@code null}
		 * @param failure why the command got no reply, or {@code null}
		 */
		void completed(@Nullable String errorReply, @Nullable Throwable failure) {
			if (this.overlap != null && RedisCommandSpans.this.inFlight.completed(this.parent, this.overlap)) {
				this.span.setAttribute(PIPELINED, true);
			}
			if (errorReply != null) {
				// The reply's first word is its kind (ERR, WRONGTYPE, NOSCRIPT); the rest
				// may quote the command's values, so it is never recorded.
				this.span.setStatus(StatusCode.ERROR);
				this.span.setAttribute(ErrorAttributes.ERROR_TYPE, RedisErrors.kind(errorReply));
			}
			else if (failure != null) {
				this.span.setStatus(StatusCode.ERROR);
				this.span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
			}
			this.span.end();
		}

	}

}
