package io.github.distrace.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceWebClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceWebClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				RestTemplateAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.withUserConfiguration(UserClientsConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TracingClientHttpRequestInterceptor.class)
				.hasSingleBean(TracingExchangeFilterFunction.class)
				.hasSingleBean(HttpClientTracingPostProcessor.class)
				.hasSingleBean(TracingRestClientBuilders.class)
				.hasSingleBean(WebClientTracingPostProcessor.class)
				.hasSingleBean(RestClientCustomizer.class)
				.hasSingleBean(RestTemplateCustomizer.class)
				.hasSingleBean(WebClientCustomizer.class);
			TracingClientHttpRequestInterceptor interceptor = context
				.getBean(TracingClientHttpRequestInterceptor.class);
			assertTracedThroughItsFactory(context.getBean(RestTemplate.class));
			assertThat(interceptorsOf(context.getBean(RestClient.class))).containsExactly(interceptor);
			assertTracedThroughItsFactory(context.getBean(RestClient.Builder.class).build());
			TracingExchangeFilterFunction filter = context.getBean(TracingExchangeFilterFunction.class);
			context.getBean(WebClient.Builder.class).filters((filters) -> assertThat(filters).containsExactly(filter));
			context.getBean(WebClient.class).mutate().filters((filters) -> assertThat(filters).containsExactly(filter));
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.web.client.enabled=false")
			.withUserConfiguration(UserClientsConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TracingClientHttpRequestInterceptor.class)
					.doesNotHaveBean(TracingExchangeFilterFunction.class)
					.doesNotHaveBean(HttpClientTracingPostProcessor.class);
				assertThat(context.getBean(RestTemplate.class).getInterceptors()).isEmpty();
				assertThat(context.getBean(RestTemplate.class).getRequestFactory())
					.isNotInstanceOf(TracingClientHttpRequestFactory.class);
			});
	}

	@Test
	void shouldBackOffWhenDistraceIsDisabled() {
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracingClientHttpRequestInterceptor.class)
				.doesNotHaveBean(HttpClientTracingPostProcessor.class));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserInstrumentationConfiguration.class, UserClientsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(TracingClientHttpRequestInterceptor.class)
					.hasSingleBean(TracingExchangeFilterFunction.class);
				TracingClientHttpRequestInterceptor own = context
					.getBean(UserInstrumentationConfiguration.class).interceptor;
				assertThat(context.getBean(TracingClientHttpRequestInterceptor.class)).isSameAs(own);
				RestTemplate restTemplate = context.getBean(RestTemplate.class);
				assertTracedThroughItsFactory(restTemplate);
				assertThat(((TracingClientHttpRequestFactory) restTemplate.getRequestFactory()).spans())
					.isSameAs(own.spans());
			});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TracingClientHttpRequestInterceptor.class)
				.doesNotHaveBean(HttpClientTracingPostProcessor.class));
	}

	@Test
	void shouldNotSupplyWebClientBeansWithoutWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasSingleBean(TracingClientHttpRequestInterceptor.class)
				.doesNotHaveBean(TracingExchangeFilterFunction.class)
				.doesNotHaveBean(WebClientTracingPostProcessor.class)
				.doesNotHaveBean(WebClientCustomizer.class));
	}

	@Test
	void shouldNotSupplyBeansIfSdkIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenTelemetrySdk.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TracingClientHttpRequestInterceptor.class));
	}

	@Test
	void clientBuiltFromBootsBuilderAndPostProcessedIsInstrumentedOnce() {
		this.contextRunner.withUserConfiguration(BuiltClientsConfiguration.class).run((context) -> {
			TracingClientHttpRequestInterceptor interceptor = context
				.getBean(TracingClientHttpRequestInterceptor.class);
			assertTracedThroughItsFactory(context.getBean(RestTemplate.class));
			assertTracedThroughItsFactory(context.getBean("anotherRestTemplate", RestTemplate.class));
			assertThat(context.getBean("ownInterceptorRestTemplate", RestTemplate.class).getInterceptors()).hasSize(2)
				.endsWith(interceptor);
			RestClient restClient = context.getBean(RestClient.class);
			assertTracedThroughItsFactory(restClient);
			assertThat(restClient).isSameAs(context.getBean(BuiltClientsConfiguration.class).restClient);
			TracingExchangeFilterFunction filter = context.getBean(TracingExchangeFilterFunction.class);
			context.getBean(WebClient.class).mutate().filters((filters) -> assertThat(filters).containsExactly(filter));
		});
	}

	// Traced without an interceptor, so that Spring does not wrap each request in an
	// intercepting one; the factory is traced once, however often it is post-processed.
	private static void assertTracedThroughItsFactory(RestTemplate restTemplate) {
		assertThat(restTemplate.getInterceptors()).isEmpty();
		assertThat(restTemplate.getRequestFactory()).isInstanceOfSatisfying(TracingClientHttpRequestFactory.class,
				(factory) -> assertThat(factory.getDelegate()).isNotInstanceOf(TracingClientHttpRequestFactory.class));
	}

	private static void assertTracedThroughItsFactory(RestClient restClient) {
		assertThat(interceptorsOf(restClient)).isEmpty();
		restClient.mutate()
			.requestInitializers(
					(initializers) -> assertThat(initializers).containsExactly(TracingClientHttpRequestFactory.MARKER));
	}

	private static List<ClientHttpRequestInterceptor> interceptorsOf(RestClient restClient) {
		List<ClientHttpRequestInterceptor> found = new ArrayList<>();
		restClient.mutate().requestInterceptors(found::addAll);
		return found;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientsConfiguration {

		@Bean
		RestTemplate restTemplate() {
			return new RestTemplate();
		}

		@Bean
		RestClient restClient() {
			return RestClient.create();
		}

		@Bean
		WebClient webClient() {
			return WebClient.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BuiltClientsConfiguration {

		private RestClient restClient;

		@Bean
		@Primary
		RestTemplate restTemplate(RestTemplateBuilder builder) {
			return builder.build();
		}

		// Built from Boot's builder, then post-processed: traced once.
		@Bean
		RestTemplate anotherRestTemplate(RestTemplateBuilder builder) {
			return builder.build();
		}

		// An interceptor of its own: distrace's goes after it, inside it.
		@Bean
		RestTemplate ownInterceptorRestTemplate() {
			RestTemplate restTemplate = new RestTemplate();
			restTemplate.getInterceptors().add((request, body, execution) -> execution.execute(request, body));
			return restTemplate;
		}

		@Bean
		RestClient restClient(RestClient.Builder builder) {
			this.restClient = builder.build();
			return this.restClient;
		}

		@Bean
		WebClient webClient(WebClient.Builder builder) {
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInstrumentationConfiguration {

		private static final Tracer NOOP_TRACER = OpenTelemetry.noop().getTracer("user");

		final TracingClientHttpRequestInterceptor interceptor = new TracingClientHttpRequestInterceptor(NOOP_TRACER,
				TextMapPropagator.noop());

		@Bean
		TracingClientHttpRequestInterceptor userInterceptor() {
			return this.interceptor;
		}

		@Bean
		TracingExchangeFilterFunction userExchangeFilterFunction() {
			return new TracingExchangeFilterFunction(NOOP_TRACER, TextMapPropagator.noop());
		}

	}

}
