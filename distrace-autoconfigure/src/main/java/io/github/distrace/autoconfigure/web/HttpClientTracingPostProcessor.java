package io.github.distrace.autoconfigure.web;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the tracing interceptor to {@link RestTemplate} and {@link RestClient} beans that
 * the application constructed itself, and leaves alone those that already have it, such
 * as the ones built from Spring Boot's builders.
 */
final class HttpClientTracingPostProcessor implements BeanPostProcessor {

	private final Supplier<TracingClientHttpRequestInterceptor> interceptor;

	HttpClientTracingPostProcessor(Supplier<TracingClientHttpRequestInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplate restTemplate) {
			addIfAbsent(restTemplate.getInterceptors());
			return restTemplate;
		}
		if (bean instanceof RestClient restClient) {
			boolean[] added = new boolean[1];
			RestClient.Builder builder = restClient.mutate()
				.requestInterceptors((interceptors) -> added[0] = addIfAbsent(interceptors));
			return added[0] ? builder.build() : restClient;
		}
		return bean;
	}

	private boolean addIfAbsent(List<ClientHttpRequestInterceptor> interceptors) {
		if (isTraced(interceptors)) {
			return false;
		}
		interceptors.add(this.interceptor.get());
		return true;
	}

	static boolean isTraced(List<ClientHttpRequestInterceptor> interceptors) {
		return interceptors.stream().anyMatch(TracingClientHttpRequestInterceptor.class::isInstance);
	}

}
