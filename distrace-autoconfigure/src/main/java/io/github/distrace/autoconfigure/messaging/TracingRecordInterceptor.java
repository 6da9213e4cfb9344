package io.github.distrace.autoconfigure.messaging;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Handles each record of a Kafka listener in a {@code CONSUMER} span, the child of the
 * producer span whose context the record carries. The span is current from
 * {@code intercept} to {@code afterRecord}, so that the listener's queries nest under it
 * and the baggage the producer set is readable. An application's own interceptor still
 * runs, inside the span.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author distrace
 */
final class TracingRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

	private final MessagingTracing tracing;

	private final KafkaHeaders headers;

	private final @Nullable RecordInterceptor<K, V> delegate;

	private final ListenerThreadScopes scopes = new ListenerThreadScopes();

	TracingRecordInterceptor(MessagingTracing tracing, @Nullable RecordInterceptor<K, V> delegate) {
		this.tracing = tracing;
		this.headers = new KafkaHeaders(tracing.warning());
		this.delegate = delegate;
	}

	@Override
	public @Nullable ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		Context extracted = this.tracing.extract(record.headers(), this.headers);
		SpanBuilder builder = this.tracing.consumer(MessagingAttributes.KAFKA, record.topic(), extracted);
		KafkaSpans.recordAttributes(builder, record);
		KafkaSpans.groupAttribute(builder, consumer);
		RecordInterceptor<K, V> delegate = this.delegate;
		return this.scopes.open(this.tracing.consume(builder.startSpan(), extracted), record,
				(delegate != null) ? (intercepted) -> delegate.intercept(intercepted, consumer) : null);
	}

	@Override
	public void success(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		if (this.delegate != null) {
			this.delegate.success(record, consumer);
		}
	}

	@Override
	public void failure(ConsumerRecord<K, V> record, Exception exception, Consumer<K, V> consumer) {
		this.scopes.failed(exception);
		if (this.delegate != null) {
			this.delegate.failure(record, exception, consumer);
		}
	}

	@Override
	public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
		try {
			if (this.delegate != null) {
				this.delegate.afterRecord(record, consumer);
			}
		}
		finally {
			this.scopes.end(null);
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

	@Nullable RecordInterceptor<K, V> delegate() {
		return this.delegate;
	}

}
