package io.github.distrace.autoconfigure.messaging;

import io.github.distrace.autoconfigure.sdk.internal.LocalRootContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

/**
 * What Kafka and RabbitMQ tracing share: span names and attributes by OpenTelemetry's
 * messaging semantic conventions, and the trace context written to and read from message
 * headers through the application's configured propagators.
 *
 * @author distrace
 */
final class MessagingTracing {

	static final String SEND = "send";

	static final String PROCESS = "process";

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final LocalRootContext localRoot;

	private final MalformedHeaderWarning warning = new MalformedHeaderWarning();

	private final SpanNames sendNames = new SpanNames(SEND);

	private final SpanNames processNames = new SpanNames(PROCESS);

	MessagingTracing(Tracer tracer, TextMapPropagator propagator, LocalRootContext localRoot) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.localRoot = localRoot;
	}

	/**
	 * Make a started consumer span current, in the context the message carried and with
	 * what other features give a local root (a place for baggage changes, say).
	 * @param span the started consumer span
	 * @param extracted the context the message carried, or the root context
	 * @return the open scope
	 */
	ConsumerScope consume(Span span, Context extracted) {
		return ConsumerScope.open(span, this.localRoot.open(extracted.with(span)));
	}

	MalformedHeaderWarning warning() {
		return this.warning;
	}

	/**
	 * Begin a {@code PRODUCER} span, a child of the current context.
	 * @param system {@code kafka} or {@code rabbitmq}
	 * @param destination where the message goes, empty if unknown
	 * @return the span builder, for the broker's own attributes
	 */
	SpanBuilder producer(String system, String destination) {
		return span(SEND, this.sendNames, SpanKind.PRODUCER, system, destination);
	}

	/**
	 * Begin a {@code CONSUMER} span, a child of the context the message carried (or a
	 * root when it carried none): a local root, like a request.
	 * @param system {@code kafka} or {@code rabbitmq}
	 * @param destination where the message came from, empty if unknown
	 * @param parent the extracted context
	 * @return the span builder, for the broker's own attributes
	 */
	SpanBuilder consumer(String system, String destination, Context parent) {
		return span(PROCESS, this.processNames, SpanKind.CONSUMER, system, destination).setParent(parent);
	}

	/**
	 * Begin the {@code CONSUMER} span of a batch: a new trace with a link to each
	 * message's context, added by the caller.
	 * @param system {@code kafka} or {@code rabbitmq}
	 * @param destination where the messages came from, empty if they came from several
	 * @param count how many messages the batch holds
	 * @return the span builder
	 */
	SpanBuilder batch(String system, String destination, int count) {
		return span(PROCESS, this.processNames, SpanKind.CONSUMER, system, destination).setNoParent()
			.setAttribute(MessagingAttributes.BATCH_MESSAGE_COUNT, (long) count);
	}

	private SpanBuilder span(String operation, SpanNames names, SpanKind kind, String system, String destination) {
		SpanBuilder builder = this.tracer.spanBuilder(names.of(destination))
			.setSpanKind(kind)
			.setAttribute(MessagingAttributes.SYSTEM, system)
			.setAttribute(MessagingAttributes.OPERATION_TYPE, operation)
			.setAttribute(MessagingAttributes.OPERATION_NAME, operation);
		if (!destination.isEmpty()) {
			builder.setAttribute(MessagingAttributes.DESTINATION_NAME, destination);
		}
		return builder;
	}

	<C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
		this.propagator.inject(context, carrier, setter);
	}

	/**
	 * Read the context a message carries, on an empty context: what the listener's thread
	 * had current before does not matter to the message.
	 * @param <C> the type of the message or its headers
	 * @param carrier the message or its headers
	 * @param getter how to read its headers
	 * @return the extracted context, {@link Context#root()} if it carried none
	 */
	<C> Context extract(C carrier, MessageHeaderGetter<C> getter) {
		return this.propagator.extract(Context.root(), carrier, getter);
	}

	/**
	 * Mark a span failed with the exception a listener or send threw: the exception event
	 * and {@code error.type}, nothing of the message.
	 * @param span the span
	 * @param exception the exception
	 */
	static void failed(Span span, Throwable exception) {
		span.recordException(exception);
		span.setStatus(StatusCode.ERROR);
		span.setAttribute(ErrorAttributes.ERROR_TYPE, exception.getClass().getName());
	}

	/**
	 * Return the exception the application threw, without the container's wrapper (whose
	 * message may name the listener and, for some containers, quote the message).
	 * @param exception what the container reported
	 * @return the application's exception, or the given one
	 */
	static Throwable applicationException(Throwable exception) {
		Throwable cause = exception.getCause();
		// Both libraries name their wrapper so; matching the name keeps this class free
		// of either library.
		return (cause != null && exception.getClass().getSimpleName().equals("ListenerExecutionFailedException"))
				? cause : exception;
	}

	/**
	 * Return a message key as an attribute value: text and numbers as they are, nothing
	 * for other types (bytes, objects whose {@code toString} may hold anything).
	 * @param value the key
	 * @return the attribute value, or {@code null}
	 */
	static @Nullable String text(@Nullable Object value) {
		return (value instanceof String || value instanceof Number) ? value.toString() : null;
	}

}
