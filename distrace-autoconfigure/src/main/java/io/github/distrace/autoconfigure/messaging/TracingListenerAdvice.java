package io.github.distrace.autoconfigure.messaging;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.util.function.SingletonSupplier;

/**
 * The first advice in a RabbitMQ listener container's chain: each delivery is handled in
 * a {@code CONSUMER} span, the child of the producer span whose context the message
 * carries, current while the rest of the chain (retries, say) and the listener run. A
 * batch of messages gets one span with a link to each message's context.
 *
 * @author distrace
 */
final class TracingListenerAdvice implements MethodInterceptor {

	private final Supplier<MessagingTracing> tracing;

	private final Supplier<RabbitHeaders> headers;

	TracingListenerAdvice(Supplier<MessagingTracing> tracing) {
		this.tracing = tracing;
		this.headers = SingletonSupplier.of(() -> new RabbitHeaders(tracing.get().warning()));
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		Object data = (arguments.length == 2) ? arguments[1] : null;
		ConsumerScope scope;
		if (data instanceof Message message) {
			scope = open(message);
		}
		else if (data instanceof List<?> messages && !messages.isEmpty()) {
			scope = openBatch(messages);
		}
		else {
			return invocation.proceed();
		}
		try {
			Object result = invocation.proceed();
			scope.end(null);
			return result;
		}
		catch (Throwable ex) {
			scope.end(ex);
			throw ex;
		}
	}

	private ConsumerScope open(Message message) {
		MessagingTracing tracing = this.tracing.get();
		MessageProperties properties = message.getMessageProperties();
		Context extracted = tracing.extract(properties.getHeaders(), this.headers.get());
		SpanBuilder builder = tracing.consumer(MessagingAttributes.RABBITMQ, queue(properties), extracted);
		if (properties.getReceivedRoutingKey() != null) {
			builder.setAttribute(MessagingAttributes.RABBITMQ_ROUTING_KEY, properties.getReceivedRoutingKey());
		}
		if (properties.getMessageId() != null) {
			builder.setAttribute(MessagingAttributes.MESSAGE_ID, properties.getMessageId());
		}
		builder.setAttribute(MessagingAttributes.BODY_SIZE, (long) message.getBody().length);
		return this.tracing.get().consume(builder.startSpan(), extracted);
	}

	private ConsumerScope openBatch(List<?> messages) {
		MessagingTracing tracing = this.tracing.get();
		RabbitHeaders headers = this.headers.get();
		String queue = null;
		for (Object item : messages) {
			if (item instanceof Message message) {
				String from = queue(message.getMessageProperties());
				queue = (queue == null || queue.equals(from)) ? from : "";
			}
		}
		SpanBuilder builder = tracing.batch(MessagingAttributes.RABBITMQ, (queue != null) ? queue : "",
				messages.size());
		for (Object item : messages) {
			if (item instanceof Message message) {
				Map<String, @Nullable Object> carried = message.getMessageProperties().getHeaders();
				SpanContext linked = Span.fromContext(tracing.extract(carried, headers)).getSpanContext();
				if (linked.isValid()) {
					builder.addLink(linked);
				}
			}
		}
		return this.tracing.get().consume(builder.startSpan(), Context.root());
	}

	private static String queue(MessageProperties properties) {
		String queue = properties.getConsumerQueue();
		return (queue != null) ? queue : TracingObservationCollector.destination(properties.getReceivedExchange(),
				properties.getReceivedRoutingKey());
	}

}
