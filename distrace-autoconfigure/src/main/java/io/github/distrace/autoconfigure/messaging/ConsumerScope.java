package io.github.distrace.autoconfigure.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * A consumer span, current on the listener's thread from the moment a container hands it
 * a message until the listener returns, and ended exactly once.
 *
 * @author distrace
 */
final class ConsumerScope {

	private final Span span;

	private final Scope scope;

	private boolean ended;

	private ConsumerScope(Span span, Scope scope) {
		this.span = span;
		this.scope = scope;
	}

	/**
	 * Make a context current for the listener.
	 * @param span the started consumer span
	 * @param context the listener's context, the span in it
	 * @return the open scope
	 */
	static ConsumerScope open(Span span, Context context) {
		return new ConsumerScope(span, context.makeCurrent());
	}

	Span span() {
		return this.span;
	}

	void failed(Throwable exception) {
		if (!this.ended) {
			MessagingTracing.failed(this.span, MessagingTracing.applicationException(exception));
		}
	}

	/**
	 * Close the scope and end the span, once.
	 * @param exception what the listener threw, if anything
	 */
	void end(@Nullable Throwable exception) {
		if (this.ended) {
			return;
		}
		if (exception != null) {
			failed(exception);
		}
		this.ended = true;
		this.scope.close();
		this.span.end();
	}

}
