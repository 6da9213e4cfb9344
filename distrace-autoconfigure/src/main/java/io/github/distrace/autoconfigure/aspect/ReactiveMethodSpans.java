package io.github.distrace.autoconfigure.aspect;

import io.github.distrace.autoconfigure.sdk.internal.ContextScopedFlux;
import io.github.distrace.autoconfigure.sdk.internal.ContextScopedMono;
import io.github.distrace.autoconfigure.sdk.internal.TerminationListener;
import io.github.distrace.internal.SpanErrors;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The span of a traced method that returns a {@link Mono} or a {@link Flux}: it ends when
 * the publisher completes, fails or is cancelled, not when the method returns, and it is
 * current for the publisher's operators through Reactor's context, so that spans made in
 * {@code flatMap}, after {@code publishOn} or {@code subscribeOn}, are its children. Kept
 * apart from {@link MethodSpans} so that Reactor stays optional.
 *
 * @author distrace
 */
final class ReactiveMethodSpans {

	private ReactiveMethodSpans() {
	}

	static boolean isPublisher(Object result) {
		return result instanceof Mono<?> || result instanceof Flux<?>;
	}

	/**
	 * Return the publisher that ends the span when it terminates.
	 * @param span the method's span
	 * @param result the {@code Mono} or {@code Flux} the method returned
	 * @return the publisher to return instead
	 */
	static Object endOnTermination(Span span, Object result) {
		// Called after the method's scope closed: the caller's context, with the span.
		Context context = Context.current().with(span);
		MethodSpanEnd end = new MethodSpanEnd(span);
		if (result instanceof Mono<?> mono) {
			return new ContextScopedMono<>(mono, context, end);
		}
		return new ContextScopedFlux<>((Flux<?>) result, context, end);
	}

	/**
	 * Ends the span before the publisher's last signal goes on downstream (not after it;
	 * for a {@code Mono}, before its item): the caller's span, the request's root among
	 * them, may end with that signal, and database insight reads this span's queries when
	 * it ends, to report an N+1 on the root.
	 */
	private record MethodSpanEnd(Span span) implements TerminationListener {

		@Override
		public void terminating(@Nullable Throwable failure) {
			if (failure != null) {
				SpanErrors.recordWithStatus(this.span, failure);
			}
			this.span.end();
		}

		@Override
		public void terminated(SignalType signal) {
			if (signal == SignalType.CANCEL) {
				this.span.end();
			}
		}

	}

}
