package io.github.distrace.autoconfigure.web;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Traces {@link RestTemplate} and {@link RestClient} beans that the application
 * constructed itself, and leaves alone those already traced, such as the ones built from
 * Spring Boot's builders: a {@code RestTemplate} through its request factory, or the
 * interceptor when it has interceptors already; a {@code RestClient} with the
 * interceptor.
 */
final class HttpClientTracingPostProcessor implements BeanPostProcessor {

	private final Supplier<TracingClientHttpRequestInterceptor> interceptor;

	HttpClientTracingPostProcessor(Supplier<TracingClientHttpRequestInterceptor> interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplate restTemplate) {
			trace(restTemplate, this.interceptor.get());
			return restTemplate;
		}
		if (bean instanceof RestClient restClient) {
			RestClient.Builder builder = restClient.mutate();
			// Built from Boot's builder: traced through its request factory.
			if (TracingClientHttpRequestFactory.isTracedThroughFactory(builder)) {
				return restClient;
			}
			boolean[] added = new boolean[1];
			builder.requestInterceptors((interceptors) -> added[0] = addIfAbsent(interceptors));
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

	/**
	 * Trace a {@code RestTemplate} unless it is traced already: through its request
	 * factory when it has no interceptors, so that Spring does not wrap its requests in
	 * intercepting ones only for distrace, and with the interceptor beside others, which
	 * then may retry or add headers inside the span.
	 * @param restTemplate the template
	 * @param interceptor the interceptor whose spans the factory makes too
	 */
	static void trace(RestTemplate restTemplate, TracingClientHttpRequestInterceptor interceptor) {
		List<ClientHttpRequestInterceptor> interceptors = restTemplate.getInterceptors();
		if (isTraced(interceptors)) {
			return;
		}
		if (!interceptors.isEmpty()) {
			interceptors.add(interceptor);
		}
		else if (!(restTemplate.getRequestFactory() instanceof TracingClientHttpRequestFactory)) {
			restTemplate.setRequestFactory(
					new TracingClientHttpRequestFactory(restTemplate.getRequestFactory(), interceptor.spans()));
		}
	}

	static boolean isTraced(List<ClientHttpRequestInterceptor> interceptors) {
		return interceptors.stream().anyMatch(TracingClientHttpRequestInterceptor.class::isInstance);
	}

}
