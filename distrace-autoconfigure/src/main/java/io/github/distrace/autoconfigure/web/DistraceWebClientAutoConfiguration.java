package io.github.distrace.autoconfigure.web;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of {@code CLIENT} spans and trace header injection for outgoing
 * calls: {@code RestClient}, {@code RestTemplate} and, when WebFlux is present,
 * {@code WebClient}, whether built from Spring Boot's builders or constructed by the
 * application as beans.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnClass(RestTemplate.class)
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.web.client.enabled", matchIfMissing = true)
@ConditionalOnBean({ OpenTelemetry.class, Tracer.class })
@EnableConfigurationProperties(DistraceWebProperties.class)
public final class DistraceWebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TracingClientHttpRequestInterceptor distraceClientHttpRequestInterceptor(OpenTelemetry openTelemetry,
			Tracer tracer) {
		return new TracingClientHttpRequestInterceptor(tracer, openTelemetry.getPropagators().getTextMapPropagator());
	}

	@Bean
	static HttpClientTracingPostProcessor distraceHttpClientTracingPostProcessor(
			ObjectProvider<TracingClientHttpRequestInterceptor> interceptor) {
		return new HttpClientTracingPostProcessor(interceptor::getObject);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class BootBuildersConfiguration {

		@Bean
		static TracingRestClientBuilders distraceRestClientBuilders(
				ObjectProvider<TracingClientHttpRequestInterceptor> interceptor) {
			return new TracingRestClientBuilders(interceptor::getObject);
		}

		// A builder that Boot's configurer handed out is traced through its factory;
		// any other one gets the interceptor.
		@Bean
		RestClientCustomizer distraceRestClientCustomizer(TracingClientHttpRequestInterceptor interceptor) {
			return (builder) -> {
				if (!TracingClientHttpRequestFactory.isTracedThroughFactory(builder)) {
					builder.requestInterceptors((interceptors) -> {
						if (!HttpClientTracingPostProcessor.isTraced(interceptors)) {
							interceptors.add(interceptor);
						}
					});
				}
			};
		}

		@Bean
		RestTemplateCustomizer distraceRestTemplateCustomizer(TracingClientHttpRequestInterceptor interceptor) {
			return (restTemplate) -> HttpClientTracingPostProcessor.trace(restTemplate, interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracingExchangeFilterFunction distraceExchangeFilterFunction(OpenTelemetry openTelemetry, Tracer tracer) {
			return new TracingExchangeFilterFunction(tracer, openTelemetry.getPropagators().getTextMapPropagator());
		}

		@Bean
		static WebClientTracingPostProcessor distraceWebClientTracingPostProcessor(
				ObjectProvider<TracingExchangeFilterFunction> filter) {
			return new WebClientTracingPostProcessor(filter::getObject);
		}

		@Bean
		WebClientCustomizer distraceWebClientCustomizer(TracingExchangeFilterFunction filter) {
			return (builder) -> builder.filters((filters) -> {
				if (filters.stream().noneMatch(TracingExchangeFilterFunction.class::isInstance)) {
					filters.add(filter);
				}
			});
		}

	}

}
