package io.github.distrace.autoconfigure.messaging;

import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.core.ProducerPostProcessor;

/**
 * Traces Kafka through the beans an application already has: every
 * {@link ProducerFactory} wraps the producers it creates in a {@link TracingProducer},
 * and every listener container factory gets a record and a batch interceptor that wrap
 * the application's own (set before this post-processor runs, as Spring Boot's configurer
 * does).
 *
 * @author distrace
 */
final class KafkaTracingPostProcessor implements BeanPostProcessor {

	private final Supplier<MessagingTracing> tracing;

	KafkaTracingPostProcessor(Supplier<MessagingTracing> tracing) {
		this.tracing = tracing;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ProducerFactory<?, ?> factory) {
			traceProducers(factory);
		}
		else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
			traceListeners(factory);
		}
		return bean;
	}

	private <K, V> void traceProducers(ProducerFactory<K, V> factory) {
		if (factory.getPostProcessors().stream().noneMatch(TracingProducers.class::isInstance)) {
			factory.addPostProcessor(new TracingProducers<>(this.tracing));
		}
	}

	private <K, V> void traceListeners(AbstractKafkaListenerContainerFactory<?, K, V> factory) {
		MessagingTracing tracing = this.tracing.get();
		if (!(factory.getRecordInterceptor() instanceof TracingRecordInterceptor)) {
			factory.setRecordInterceptor(new TracingRecordInterceptor<>(tracing, factory.getRecordInterceptor()));
		}
		if (!(factory.getBatchInterceptor() instanceof TracingBatchInterceptor)) {
			factory.setBatchInterceptor(new TracingBatchInterceptor<>(tracing, factory.getBatchInterceptor()));
		}
	}

	/**
	 * Wraps each producer a factory creates.
	 */
	private static final class TracingProducers<K, V> implements ProducerPostProcessor<K, V> {

		private final Supplier<MessagingTracing> tracing;

		TracingProducers(Supplier<MessagingTracing> tracing) {
			this.tracing = tracing;
		}

		@Override
		public Producer<K, V> apply(Producer<K, V> producer) {
			return new TracingProducer<>(producer, this.tracing.get());
		}

	}

}
