package io.github.distrace.autoconfigure.messaging;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.LocalRootContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Auto-configuration of producer and consumer spans for Spring for Apache Kafka: a
 * {@code PRODUCER} span for each record sent through a {@code ProducerFactory} bean (and
 * so every {@code KafkaTemplate}), a {@code CONSUMER} span for each record or batch
 * handled by a listener of a container factory bean.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnClass({ ProducerFactory.class, AbstractKafkaListenerContainerFactory.class, Tracer.class })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.messaging.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DistraceMessagingProperties.class)
public final class DistraceKafkaAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static KafkaTracingPostProcessor distraceKafkaTracingPostProcessor(ObjectProvider<Tracer> tracer,
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<LocalRootContext> localRoot) {
		return new KafkaTracingPostProcessor(MessagingTracingSupplier.of(tracer, openTelemetry, localRoot));
	}

}
