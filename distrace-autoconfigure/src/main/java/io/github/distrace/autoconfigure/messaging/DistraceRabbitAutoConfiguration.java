package io.github.distrace.autoconfigure.messaging;

import com.rabbitmq.client.observation.ObservationCollector;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.LocalRootContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.amqp.rabbit.config.BaseRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of producer and consumer spans for Spring AMQP's RabbitMQ support: a
 * {@code PRODUCER} span for each message published through a connection factory bean (and
 * so every {@code RabbitTemplate}), a {@code CONSUMER} span for each delivery handled by
 * a listener of a container factory bean.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnClass({ AbstractConnectionFactory.class, BaseRabbitListenerContainerFactory.class,
		ObservationCollector.class, Tracer.class })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.messaging.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DistraceMessagingProperties.class)
public final class DistraceRabbitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static RabbitTracingPostProcessor distraceRabbitTracingPostProcessor(ObjectProvider<Tracer> tracer,
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<LocalRootContext> localRoot) {
		return new RabbitTracingPostProcessor(MessagingTracingSupplier.of(tracer, openTelemetry, localRoot));
	}

}
