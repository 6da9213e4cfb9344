package io.github.distrace.autoconfigure.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka producer that sends each record in a {@code PRODUCER} span: the span is current
 * while the record's headers get the trace context and while the client's own
 * interceptors and serializers run, and ends when the broker acknowledges the record (or
 * the send fails). Everything else goes to the producer it wraps.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author distrace
 */
final class TracingProducer<K, V> implements Producer<K, V> {

	private final Producer<K, V> delegate;

	private final MessagingTracing tracing;

	TracingProducer(Producer<K, V> delegate, MessagingTracing tracing) {
		this.delegate = delegate;
		this.tracing = tracing;
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
		return send(record, null);
	}

	@Override
	public Future<RecordMetadata> send(ProducerRecord<K, V> record, @Nullable Callback callback) {
		SpanBuilder builder = this.tracing.producer(MessagingAttributes.KAFKA, record.topic());
		if (record.partition() != null) {
			builder.setAttribute(MessagingAttributes.PARTITION_ID, PartitionIds.of(record.partition()));
		}
		String key = MessagingTracing.text(record.key());
		if (key != null) {
			builder.setAttribute(MessagingAttributes.KAFKA_KEY, key);
		}
		Span span = builder.startSpan();
		Context context = Context.current().with(span);
		try (Scope scope = context.makeCurrent()) {
			injectInto(record, context);
			return this.delegate.send(record, new EndingCallback(span, callback));
		}
		catch (RuntimeException | Error ex) {
			MessagingTracing.failed(span, ex);
			span.end();
			throw ex;
		}
	}

	private void injectInto(ProducerRecord<K, V> record, Context context) {
		try {
			this.tracing.inject(context, record.headers(), KafkaHeaders.SETTER);
		}
		catch (IllegalStateException ex) {
			// The headers of a record sent before are read-only: it goes out as it was.
		}
	}

	@Override
	public void initTransactions() {
		this.delegate.initTransactions();
	}

	@Override
	public void beginTransaction() {
		this.delegate.beginTransaction();
	}

	@Override
	public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
			ConsumerGroupMetadata groupMetadata) {
		this.delegate.sendOffsetsToTransaction(offsets, groupMetadata);
	}

	@Override
	public void commitTransaction() {
		this.delegate.commitTransaction();
	}

	@Override
	public void abortTransaction() {
		this.delegate.abortTransaction();
	}

	@Override
	public void registerMetricForSubscription(KafkaMetric metric) {
		this.delegate.registerMetricForSubscription(metric);
	}

	@Override
	public void unregisterMetricFromSubscription(KafkaMetric metric) {
		this.delegate.unregisterMetricFromSubscription(metric);
	}

	@Override
	public void flush() {
		this.delegate.flush();
	}

	@Override
	public List<PartitionInfo> partitionsFor(String topic) {
		return this.delegate.partitionsFor(topic);
	}

	@Override
	public Map<MetricName, ? extends Metric> metrics() {
		return this.delegate.metrics();
	}

	@Override
	public Uuid clientInstanceId(Duration timeout) {
		return this.delegate.clientInstanceId(timeout);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public void close(Duration timeout) {
		this.delegate.close(timeout);
	}

	@Override
	public String toString() {
		return "TracingProducer{" + this.delegate + "}";
	}

	/**
	 * Ends the span when the broker answers, then calls the application's callback.
	 */
	private record EndingCallback(Span span, @Nullable Callback callback) implements Callback {

		@Override
		public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception exception) {
			if (exception != null) {
				MessagingTracing.failed(this.span, exception);
			}
			else if (metadata != null && this.span.isRecording()) {
				this.span.setAttribute(MessagingAttributes.PARTITION_ID, PartitionIds.of(metadata.partition()));
				if (metadata.hasOffset()) {
					this.span.setAttribute(MessagingAttributes.KAFKA_OFFSET, metadata.offset());
				}
			}
			this.span.end();
			if (this.callback != null) {
				this.callback.onCompletion(metadata, exception);
			}
		}

	}

}
