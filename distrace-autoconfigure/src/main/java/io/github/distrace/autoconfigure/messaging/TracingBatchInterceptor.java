package io.github.distrace.autoconfigure.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Handles each batch of a Kafka batch listener in one {@code CONSUMER} span, a new trace
 * with a link to the context each record carries, current until the listener returns. An
 * application's own interceptor still runs, inside the span.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author distrace
 */
final class TracingBatchInterceptor<K, V> implements BatchInterceptor<K, V> {

	private final MessagingTracing tracing;

	private final KafkaHeaders headers;

	private final @Nullable BatchInterceptor<K, V> delegate;

	private final ListenerThreadScopes scopes = new ListenerThreadScopes();

	TracingBatchInterceptor(MessagingTracing tracing, @Nullable BatchInterceptor<K, V> delegate) {
		this.tracing = tracing;
		this.headers = new KafkaHeaders(tracing.warning());
		this.delegate = delegate;
	}

	@Override
	public @Nullable ConsumerRecords<K, V> intercept(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		String topic = null;
		boolean oneTopic = true;
		for (ConsumerRecord<K, V> record : records) {
			oneTopic &= (topic == null || topic.equals(record.topic()));
			topic = record.topic();
		}
		SpanBuilder builder = this.tracing.batch(MessagingAttributes.KAFKA, (oneTopic && topic != null) ? topic : "",
				records.count());
		for (ConsumerRecord<K, V> record : records) {
			SpanContext linked = Span.fromContext(this.tracing.extract(record.headers(), this.headers))
				.getSpanContext();
			if (linked.isValid()) {
				builder.addLink(linked);
			}
		}
		KafkaSpans.groupAttribute(builder, consumer);
		BatchInterceptor<K, V> delegate = this.delegate;
		return this.scopes.open(this.tracing.consume(builder.startSpan(), Context.root()), records,
				(delegate != null) ? (intercepted) -> delegate.intercept(intercepted, consumer) : null);
	}

	@Override
	public void success(ConsumerRecords<K, V> records, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.success(records, consumer);
			}
		}
		finally {
			this.scopes.end(null);
		}
	}

	@Override
	public void failure(ConsumerRecords<K, V> records, Exception exception, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.failure(records, exception, consumer);
			}
		}
		finally {
			this.scopes.end(exception);
		}
	}

	@Override
	public void setupThreadState(Consumer<?, ?> consumer) {
		this.scopes.setUp(this.delegate, consumer);
	}

	@Override
	public void clearThreadState(Consumer<?, ?> consumer) {
		this.scopes.clear(this.delegate, consumer);
	}

	@Nullable BatchInterceptor<K, V> delegate() {
		return this.delegate;
	}

}
