package io.github.distrace.autoconfigure.baggage;

import io.opentelemetry.context.propagation.ContextPropagators;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Makes every {@link ContextPropagators} bean inject the request's baggage, before the
 * OpenTelemetry SDK is built with it.
 *
 * @author distrace
 */
final class ContextPropagatorsPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ContextPropagators propagators
				&& !(propagators.getTextMapPropagator() instanceof RequestBaggagePropagator)) {
			return ContextPropagators.create(new RequestBaggagePropagator(propagators.getTextMapPropagator()));
		}
		return bean;
	}

}
