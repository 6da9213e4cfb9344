package io.github.distrace.autoconfigure.messaging;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.observation.ObservationCollector;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

/**
 * Publishes each RabbitMQ message in a {@code PRODUCER} span: the RabbitMQ client calls
 * its connection's observation collector around every {@code basicPublish}, so the span
 * covers the publish itself, whichever template or channel sent it, and is current while
 * the message's headers get the trace context. Consuming is left to the listener
 * container's advice (see {@link TracingListenerAdvice}), which knows the listener; an
 * application's own collector, if it had one, still runs inside.
 *
 * @author distrace
 */
final class TracingObservationCollector implements ObservationCollector {

	private static final TextMapSetter<Map<String, Object>> SETTER = (headers, key, value) -> {
		if (headers != null) {
			headers.put(key, value);
		}
	};

	private final Supplier<MessagingTracing> tracing;

	private final ObservationCollector delegate;

	TracingObservationCollector(Supplier<MessagingTracing> tracing, ObservationCollector delegate) {
		this.tracing = tracing;
		this.delegate = delegate;
	}

	@Override
	public void publish(PublishCall call, AMQP.Basic.Publish publish, AMQP.BasicProperties properties, byte[] body,
			ConnectionInfo connectionInfo) throws IOException {
		MessagingTracing tracing = this.tracing.get();
		String exchange = publish.getExchange();
		String routingKey = publish.getRoutingKey();
		Span span = tracing.producer(MessagingAttributes.RABBITMQ, destination(exchange, routingKey))
			.setAttribute(MessagingAttributes.RABBITMQ_ROUTING_KEY, routingKey)
			.setAttribute(MessagingAttributes.BODY_SIZE, (long) body.length)
			.startSpan();
		if (properties.getMessageId() != null) {
			span.setAttribute(MessagingAttributes.MESSAGE_ID, properties.getMessageId());
		}
		Context context = Context.current().with(span);
		try (Scope scope = context.makeCurrent()) {
			Map<String, Object> headers = withRoomForPropagation(properties.getHeaders());
			tracing.inject(context, headers, SETTER);
			this.delegate.publish(call, publish, properties.builder().headers(headers).build(), body, connectionInfo);
		}
		catch (IOException | RuntimeException | Error ex) {
			MessagingTracing.failed(span, ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * Copy a message's headers into a map sized to take the propagation fields
	 * ({@code traceparent}, {@code tracestate}, {@code baggage}) without growing, and no
	 * larger: the client copies it once more into the properties it sends.
	 */
	private static Map<String, Object> withRoomForPropagation(@Nullable Map<String, Object> existing) {
		int size = ((existing != null) ? existing.size() : 0) + 3;
		Map<String, Object> headers = new HashMap<>(size * 4 / 3 + 1);
		if (existing != null) {
			headers.putAll(existing);
		}
		return headers;
	}

	/**
	 * Where a message goes: its exchange, or with the default exchange the routing key,
	 * which is then the name of the queue.
	 */
	static String destination(@Nullable String exchange, @Nullable String routingKey) {
		if (exchange != null && !exchange.isEmpty()) {
			return exchange;
		}
		return (routingKey != null) ? routingKey : "";
	}

	@Override
	public Consumer basicConsume(String queue, String consumerTag, Consumer consumer) {
		return this.delegate.basicConsume(queue, consumerTag, consumer);
	}

	@Override
	public @Nullable GetResponse basicGet(BasicGetCall call, String queue) {
		return this.delegate.basicGet(call, queue);
	}

}
