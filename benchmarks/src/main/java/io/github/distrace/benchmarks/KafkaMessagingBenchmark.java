package io.github.distrace.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.github.distrace.autoconfigure.messaging.DistraceKafkaAutoConfiguration;
import io.opentelemetry.instrumentation.kafkaclients.v2_6.KafkaTelemetry;
import io.opentelemetry.instrumentation.spring.kafka.v2_7.SpringKafkaTelemetry;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.core.ProducerPostProcessor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * What the Kafka instrumentation costs per message, against the library's own path and
 * OpenTelemetry's library instrumentation ({@code opentelemetry-kafka-clients-2.6} for
 * producers, {@code opentelemetry-spring-kafka-2.7} for listeners), all on distrace's
 * SDK. The broker is left out: a producer that acknowledges each record at once stands
 * for the client, so that only the instrumentation's own work is measured.
 * <ul>
 * <li>{@code send*}: one record sent, with its callback; distrace's producer is the one
 * the application's {@code ProducerFactory} bean creates with distrace's post-processor,
 * OpenTelemetry's is {@code KafkaTelemetry.wrap}. Each records one {@code PRODUCER} span
 * and writes {@code traceparent} into the record's headers.</li>
 * <li>{@code process*}: one record handed to a listener the way a container does
 * ({@code intercept}, the listener, {@code success}, {@code afterRecord}), the record
 * carrying a sampled {@code traceparent}; distrace's interceptor is the one its
 * post-processor sets on the application's listener container factory. Each records one
 * {@code CONSUMER} span. OpenTelemetry's interceptor does not read the record's headers
 * (it expects its consumer wrapper to have done so), distrace's does: its span is the
 * producer's child.</li>
 * <li>{@code *SpanOnly}: the floor, an OpenTelemetry span with the same kind and as many
 * attributes as distrace's (7 for a send, 9 for a process), started and ended, without
 * reading or writing headers.</li>
 * </ul>
 *
 * @author distrace
 */
public class KafkaMessagingBenchmark extends Settings {

	private static final byte[] TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
		.getBytes(StandardCharsets.UTF_8);

	private final Producer<String, String> plainProducer = new AcknowledgingProducer();

	private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest") {

		@Override
		public synchronized ConsumerGroupMetadata groupMetadata() {
			return GROUP;
		}

	};

	private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata("orders");

	private final ConsumerRecord<String, String> received = received();

	private DistraceContext distrace;

	private Producer<String, String> distraceProducer;

	private Producer<String, String> openTelemetryProducer;

	private RecordInterceptor<String, String> distraceInterceptor;

	private RecordInterceptor<String, String> openTelemetryInterceptor;

	private MessagingSpanFloor floor;

	private long spans;

	@Setup(Level.Trial)
	@SuppressWarnings("unchecked")
	public void start() {
		this.distrace = DistraceContext.start(Kafka.class);
		this.distraceProducer = this.distrace.bean(ProducerFactory.class).createProducer();
		this.openTelemetryProducer = KafkaTelemetry.create(this.distrace.openTelemetry()).wrap(this.plainProducer);
		this.distraceInterceptor = this.distrace.bean(ConcurrentKafkaListenerContainerFactory.class)
			.getRecordInterceptor();
		this.openTelemetryInterceptor = SpringKafkaTelemetry.create(this.distrace.openTelemetry())
			.createRecordInterceptor();
		if (this.distraceInterceptor == null || this.distraceProducer == this.plainProducer) {
			throw new IllegalStateException("distrace did not instrument Kafka");
		}
		// A container sets up each interceptor's thread state before it hands over
		// records.
		this.distraceInterceptor.setupThreadState(this.consumer);
		this.openTelemetryInterceptor.setupThreadState(this.consumer);
		this.floor = new MessagingSpanFloor(this.distrace.tracer(), "kafka");
	}

	@Benchmark
	public Future<RecordMetadata> sendPlain(Blackhole blackhole) {
		return this.plainProducer.send(record(), (metadata, exception) -> blackhole.consume(metadata));
	}

	@Benchmark
	public Future<RecordMetadata> sendDistrace(Blackhole blackhole) {
		this.spans++;
		return this.distraceProducer.send(record(), (metadata, exception) -> blackhole.consume(metadata));
	}

	@Benchmark
	public Future<RecordMetadata> sendOpenTelemetry(Blackhole blackhole) {
		this.spans++;
		return this.openTelemetryProducer.send(record(), (metadata, exception) -> blackhole.consume(metadata));
	}

	@Benchmark
	public void sendSpanOnly() {
		this.spans++;
		this.floor.producer(7);
	}

	@Benchmark
	public void processPlain(Blackhole blackhole) {
		listener(this.received, blackhole);
	}

	@Benchmark
	public void processDistrace(Blackhole blackhole) {
		this.spans++;
		process(this.distraceInterceptor, blackhole);
	}

	@Benchmark
	public void processOpenTelemetry(Blackhole blackhole) {
		this.spans++;
		process(this.openTelemetryInterceptor, blackhole);
	}

	@Benchmark
	public void processSpanOnly() {
		this.spans++;
		this.floor.consumer(9);
	}

	private void process(RecordInterceptor<String, String> interceptor, Blackhole blackhole) {
		ConsumerRecord<String, String> record = interceptor.intercept(this.received, this.consumer);
		try {
			listener(record, blackhole);
			interceptor.success(record, this.consumer);
		}
		finally {
			interceptor.afterRecord(record, this.consumer);
		}
	}

	private static void listener(ConsumerRecord<String, String> record, Blackhole blackhole) {
		blackhole.consume(record.value());
	}

	// A new record each time, as an application sends: the instrumentation writes its
	// headers.
	private static ProducerRecord<String, String> record() {
		return new ProducerRecord<>("orders", "42", "order 42");
	}

	private static ConsumerRecord<String, String> received() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("traceparent", TRACEPARENT);
		return new ConsumerRecord<>("orders", 0, 42L, 0L, TimestampType.CREATE_TIME, 2, 8, "42", "order 42", headers,
				java.util.Optional.empty());
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	/**
	 * An application's Kafka beans: a producer factory and a listener container factory,
	 * with distrace's auto-configuration.
	 */
	@ImportAutoConfiguration(DistraceKafkaAutoConfiguration.class)
	static class Kafka {

		@Bean
		ProducerFactory<String, String> producerFactory() {
			return new AcknowledgingProducerFactory();
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory() {
			return new ConcurrentKafkaListenerContainerFactory<>();
		}

	}

	/**
	 * Creates {@link AcknowledgingProducer}s, passed through the post-processors as
	 * {@code DefaultKafkaProducerFactory} passes its producers.
	 */
	static final class AcknowledgingProducerFactory implements ProducerFactory<String, String> {

		private final List<ProducerPostProcessor<String, String>> postProcessors = new ArrayList<>();

		@Override
		public Producer<String, String> createProducer() {
			Producer<String, String> producer = new AcknowledgingProducer();
			for (ProducerPostProcessor<String, String> postProcessor : this.postProcessors) {
				producer = postProcessor.apply(producer);
			}
			return producer;
		}

		@Override
		public void addPostProcessor(ProducerPostProcessor<String, String> postProcessor) {
			this.postProcessors.add(postProcessor);
		}

		@Override
		public List<ProducerPostProcessor<String, String>> getPostProcessors() {
			return this.postProcessors;
		}

	}

	/**
	 * A producer that acknowledges each record at once, on the sending thread.
	 */
	static final class AcknowledgingProducer implements Producer<String, String> {

		private static final RecordMetadata METADATA = new RecordMetadata(new TopicPartition("orders", 0), 42L, 0, 0L,
				2, 8);

		private static final Future<RecordMetadata> SENT = CompletableFuture.completedFuture(METADATA);

		@Override
		public Future<RecordMetadata> send(ProducerRecord<String, String> record) {
			return SENT;
		}

		@Override
		public Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
			if (callback != null) {
				callback.onCompletion(METADATA, null);
			}
			return SENT;
		}

		@Override
		public void initTransactions() {
		}

		@Override
		public void beginTransaction() {
		}

		@Override
		public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
				ConsumerGroupMetadata groupMetadata) {
		}

		@Override
		public void commitTransaction() {
		}

		@Override
		public void abortTransaction() {
		}

		@Override
		public void registerMetricForSubscription(KafkaMetric metric) {
		}

		@Override
		public void unregisterMetricFromSubscription(KafkaMetric metric) {
		}

		@Override
		public void flush() {
		}

		@Override
		public List<PartitionInfo> partitionsFor(String topic) {
			return List.of();
		}

		@Override
		public Map<MetricName, ? extends Metric> metrics() {
			return Map.of();
		}

		@Override
		public Uuid clientInstanceId(Duration timeout) {
			return Uuid.ZERO_UUID;
		}

		@Override
		public void close() {
		}

		@Override
		public void close(Duration timeout) {
		}

	}

}
