package io.github.distrace.autoconfigure.messaging;

import java.lang.reflect.Field;
import java.util.function.Supplier;

import com.rabbitmq.client.observation.ObservationCollector;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.rabbit.config.BaseRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Traces RabbitMQ through the beans an application already has: every Spring AMQP
 * connection factory publishes in producer spans (through the RabbitMQ client's
 * observation collector, kept inside distrace's when the application set one), and every
 * listener container factory gets distrace's advice first in its chain, ahead of the
 * application's (retries, say), set before this post-processor runs as Spring Boot's
 * configurer does.
 *
 * @author distrace
 */
final class RabbitTracingPostProcessor implements BeanPostProcessor {

	/**
	 * The RabbitMQ client's field for its collector: it has a setter but no getter.
	 */
	static final String COLLECTOR_FIELD = "observationCollector";

	private static final @Nullable Field COLLECTOR = ReflectionUtils
		.findField(com.rabbitmq.client.ConnectionFactory.class, COLLECTOR_FIELD, ObservationCollector.class);

	static {
		if (COLLECTOR != null) {
			ReflectionUtils.makeAccessible(COLLECTOR);
		}
	}

	private final Supplier<MessagingTracing> tracing;

	RabbitTracingPostProcessor(Supplier<MessagingTracing> tracing) {
		this.tracing = tracing;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractConnectionFactory factory) {
			tracePublishes(factory.getRabbitConnectionFactory());
		}
		else if (bean instanceof BaseRabbitListenerContainerFactory<?> factory) {
			traceListeners(factory);
		}
		return bean;
	}

	private void tracePublishes(com.rabbitmq.client.ConnectionFactory factory) {
		ObservationCollector existing = (COLLECTOR != null)
				? (ObservationCollector) ReflectionUtils.getField(COLLECTOR, factory) : null;
		if (existing instanceof TracingObservationCollector) {
			return;
		}
		factory.setObservationCollector(new TracingObservationCollector(this.tracing,
				(existing != null) ? existing : ObservationCollector.NO_OP));
	}

	private void traceListeners(BaseRabbitListenerContainerFactory<?> factory) {
		Advice[] chain = factory.getAdviceChain();
		if (chain == null) {
			factory.setAdviceChain(new TracingListenerAdvice(this.tracing));
			return;
		}
		for (Advice advice : chain) {
			if (advice instanceof TracingListenerAdvice) {
				return;
			}
		}
		Advice[] traced = new Advice[chain.length + 1];
		traced[0] = new TracingListenerAdvice(this.tracing);
		System.arraycopy(chain, 0, traced, 1, chain.length);
		factory.setAdviceChain(traced);
	}

}
