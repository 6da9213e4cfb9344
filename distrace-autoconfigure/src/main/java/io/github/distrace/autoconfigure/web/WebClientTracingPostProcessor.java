package io.github.distrace.autoconfigure.web;

import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the tracing filter function to {@link WebClient} beans that the application
 * constructed itself, and leaves alone those that already have it, such as the ones built
 * from Spring Boot's builder.
 */
final class WebClientTracingPostProcessor implements BeanPostProcessor {

	private final Supplier<TracingExchangeFilterFunction> filter;

	WebClientTracingPostProcessor(Supplier<TracingExchangeFilterFunction> filter) {
		this.filter = filter;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof WebClient webClient) {
			boolean[] traced = new boolean[1];
			WebClient.Builder builder = webClient.mutate()
				.filters((filters) -> traced[0] = filters.stream()
					.anyMatch(TracingExchangeFilterFunction.class::isInstance));
			return traced[0] ? webClient : builder.filter(this.filter.get()).build();
		}
		return bean;
	}

}
