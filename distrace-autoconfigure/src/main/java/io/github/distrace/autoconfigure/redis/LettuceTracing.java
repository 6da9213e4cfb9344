package io.github.distrace.autoconfigure.redis;

import java.net.SocketAddress;
import java.util.function.Supplier;

import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.TraceContextProvider;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.TracerProvider;
import io.lettuce.core.tracing.Tracing;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * Lettuce's tracing SPI on distrace's tracer: Lettuce asks for the trace context where
 * the application sends a command (its thread), and for a span when the command is
 * written to the connection (on Lettuce's event loop), which then lasts until the reply.
 *
 * @author distrace
 */
final class LettuceTracing implements Tracing {

	private final TracerProvider tracerProvider;

	private final TraceContextProvider contextProvider = () -> new ParentContext(Context.current());

	/**
	 * Create an instance.
	 * @param tracer makes the spans
	 * @param unsampledParentsFollowed whether the sampler drops every child of an
	 * unsampled parent, so that such a command needs no span at all
	 * @param database the database index, asked for once, when the first span is made
	 */
	LettuceTracing(io.opentelemetry.api.trace.Tracer tracer, boolean unsampledParentsFollowed,
			Supplier<Long> database) {
		CommandTracer commandTracer = new CommandTracer(new RedisCommandSpans(tracer, unsampledParentsFollowed),
				new Memoized(database));
		this.tracerProvider = () -> commandTracer;
	}

	@Override
	public TracerProvider getTracerProvider() {
		return this.tracerProvider;
	}

	@Override
	public TraceContextProvider initialTraceContextProvider() {
		return this.contextProvider;
	}

	@Override
	public boolean isEnabled() {
		return true;
	}

	@Override
	public boolean includeCommandArgsInSpanTags() {
		return false;
	}

	@Override
	public Endpoint createEndpoint(SocketAddress socketAddress) {
		return new ServerEndpoint(RedisEndpoint.of(socketAddress));
	}

	/**
	 * The server of a connection, as Lettuce hands it to each command's span.
	 *
	 * @param server the server
	 */
	record ServerEndpoint(RedisEndpoint server) implements Endpoint {

	}

	/**
	 * The OpenTelemetry context current where a command was sent.
	 *
	 * @param context the context
	 */
	record ParentContext(Context context) implements TraceContext {

	}

	private static final class CommandTracer extends Tracer {

		private final RedisCommandSpans spans;

		private final Memoized database;

		CommandTracer(RedisCommandSpans spans, Memoized database) {
			this.spans = spans;
			this.database = database;
		}

		@Override
		public Span nextSpan() {
			return nextSpan(null);
		}

		@Override
		public Span nextSpan(@Nullable TraceContext traceContext) {
			Context parent = (traceContext instanceof ParentContext sent) ? sent.context() : Context.current();
			if (this.spans.isDropped(parent)) {
				return LettuceCommandSpan.NONE;
			}
			return new LettuceCommandSpan(this.spans, parent, this.database.get());
		}

	}

	/**
	 * The database index, read once: the connection details it comes from may be made
	 * after the client's resources.
	 */
	private static final class Memoized implements Supplier<Long> {

		private final Supplier<Long> supplier;

		private volatile @Nullable Long value;

		Memoized(Supplier<Long> supplier) {
			this.supplier = supplier;
		}

		@Override
		public Long get() {
			Long result = this.value;
			if (result == null) {
				result = this.supplier.get();
				this.value = result;
			}
			return result;
		}

	}

}
