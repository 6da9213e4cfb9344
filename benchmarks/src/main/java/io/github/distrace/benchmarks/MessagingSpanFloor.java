package io.github.distrace.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The least a messaging span can cost on the OpenTelemetry SDK: a span of the same kind
 * and with as many attributes as the instrumentation's, their keys and values made
 * beforehand, current while the message is handled, then ended. Nothing is read from or
 * written to a message's headers, so what an instrumentation costs above this is its own
 * work and the trace context's propagation.
 *
 * @author distrace
 */
final class MessagingSpanFloor {

	private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");

	private static final AttributeKey<?>[] KEYS = new AttributeKey<?>[16];

	private static final String[] VALUES = new String[16];

	static {
		for (int i = 0; i < KEYS.length; i++) {
			KEYS[i] = AttributeKey.stringKey("messaging.attribute." + i);
			VALUES[i] = "value " + i;
		}
	}

	private static final Context REMOTE_PARENT = Context.root()
		.with(Span.wrap(SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault())));

	private final Tracer tracer;

	private final String system;

	MessagingSpanFloor(Tracer tracer, String system) {
		this.tracer = tracer;
		this.system = system;
	}

	/**
	 * Record a {@code PRODUCER} span, a child of the current context.
	 * @param attributes how many attributes it has
	 */
	void producer(int attributes) {
		record(this.tracer.spanBuilder("send orders").setSpanKind(SpanKind.PRODUCER), Context.current(), attributes);
	}

	/**
	 * Record a {@code CONSUMER} span, the child of a remote parent.
	 * @param attributes how many attributes it has
	 */
	void consumer(int attributes) {
		record(this.tracer.spanBuilder("process orders").setSpanKind(SpanKind.CONSUMER).setParent(REMOTE_PARENT),
				REMOTE_PARENT, attributes);
	}

	@SuppressWarnings("unchecked")
	private void record(SpanBuilder builder, Context parent, int attributes) {
		builder.setAttribute(SYSTEM, this.system);
		for (int i = 1; i < attributes; i++) {
			builder.setAttribute((AttributeKey<String>) KEYS[i], VALUES[i]);
		}
		Span span = builder.startSpan();
		try (Scope scope = parent.with(span).makeCurrent()) {
			// The message is handled here.
		}
		finally {
			span.end();
		}
	}

}
