package io.github.distrace.autoconfigure.redis;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TracedCommand;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.Tracing;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The span of one Lettuce command, from its write to the connection to its reply. Lettuce
 * names, tags and annotates it as well; only the command itself is read, so that nothing
 * Lettuce would attach (such as its arguments) reaches the span.
 *
 * @author distrace
 */
final class LettuceCommandSpan extends Tracer.Span {

	/** A command that gets no span: its parent was sampled out. */
	static final LettuceCommandSpan NONE = new LettuceCommandSpan(null, Context.root(), 0L);

	private final @Nullable RedisCommandSpans spans;

	private final Context parent;

	private final long database;

	private RedisEndpoint endpoint = RedisEndpoint.UNKNOWN;

	LettuceCommandSpan(@Nullable RedisCommandSpans spans, Context parent, long database) {
		this.spans = spans;
		this.parent = parent;
		this.database = database;
	}

	@Override
	public Tracer.Span start(RedisCommand<?, ?, ?> command) {
		// Lettuce's own commands (the handshake: HELLO, AUTH, SELECT, CLIENT SETINFO) are
		// written on its event loop, outside any request, and never wrapped: no span.
		if (this.spans == null || !(command instanceof CompleteableCommand<?> completeable)
				|| CommandWrapper.unwrap(command, TracedCommand.class) == null) {
			return this;
		}
		String name = command.getType().toString();
		RedisCommandSpans.SentCommand sent = this.spans.start(this.parent, name, LettuceArguments.of(command.getArgs()),
				this.database, this.endpoint);
		completeable.onComplete((result, failure) -> {
			CommandOutput<?, ?, ?> output = command.getOutput();
			sent.completed((output != null) ? output.getError() : null, failure);
		});
		return this;
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
		if (this.spans != null && endpoint instanceof LettuceTracing.ServerEndpoint server) {
			this.endpoint = server.server();
		}
		return this;
	}

	@Override
	public void finish() {
	}

}
