package io.github.distrace;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;

import io.github.distrace.internal.SpanErrors;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;

/**
 * A span started by {@link Distrace#span(String)}, current until it is closed. Closing it
 * more than once is harmless.
 *
 * @author distrace
 */
public final class TraceSpan implements AutoCloseable {

	// A field updater rather than an AtomicBoolean: one object less for every span.
	private static final AtomicIntegerFieldUpdater<TraceSpan> CLOSED = AtomicIntegerFieldUpdater
		.newUpdater(TraceSpan.class, "closed");

	private final Span span;

	private final Scope scope;

	private volatile int closed;

	TraceSpan(Span span, Scope scope) {
		this.span = span;
		this.scope = scope;
	}

	/**
	 * Adds a string attribute.
	 * @param key the attribute key
	 * @param value the value
	 * @return this span
	 */
	public TraceSpan tag(String key, String value) {
		this.span.setAttribute(key, value);
		return this;
	}

	/**
	 * Adds a long attribute.
	 * @param key the attribute key
	 * @param value the value
	 * @return this span
	 */
	public TraceSpan tag(String key, long value) {
		this.span.setAttribute(key, value);
		return this;
	}

	/**
	 * Adds a double attribute.
	 * @param key the attribute key
	 * @param value the value
	 * @return this span
	 */
	public TraceSpan tag(String key, double value) {
		this.span.setAttribute(key, value);
		return this;
	}

	/**
	 * Adds a boolean attribute.
	 * @param key the attribute key
	 * @param value the value
	 * @return this span
	 */
	public TraceSpan tag(String key, boolean value) {
		this.span.setAttribute(key, value);
		return this;
	}

	/**
	 * Adds an event, stamped with the current time.
	 * @param name the event name
	 * @return this span
	 */
	public TraceSpan event(String name) {
		this.span.addEvent(name);
		return this;
	}

	/**
	 * Records an exception on the span and sets its status to error, described by the
	 * exception's message. When a database error ({@link java.sql.SQLException}) is among
	 * its causes, the messages are recorded with the values they quote replaced by
	 * {@code ?}.
	 * @param error the exception
	 * @return this span
	 */
	public TraceSpan error(Throwable error) {
		SpanErrors.recordWithStatus(this.span, error);
		return this;
	}

	/**
	 * Returns the trace id, as 32 lower-case hex characters.
	 * @return the trace id, or an empty string when tracing is disabled
	 */
	public String traceId() {
		return idOrEmpty(this.span.getSpanContext(), SpanContext::getTraceId);
	}

	/**
	 * Returns the span id, as 16 lower-case hex characters.
	 * @return the span id, or an empty string when tracing is disabled
	 */
	public String spanId() {
		return idOrEmpty(this.span.getSpanContext(), SpanContext::getSpanId);
	}

	/**
	 * Ends the span and restores the span that was current before it was started.
	 */
	@Override
	public void close() {
		if (CLOSED.compareAndSet(this, 0, 1)) {
			this.scope.close();
			this.span.end();
		}
	}

	static String idOrEmpty(SpanContext context, Function<SpanContext, String> id) {
		return context.isValid() ? id.apply(context) : "";
	}

}
