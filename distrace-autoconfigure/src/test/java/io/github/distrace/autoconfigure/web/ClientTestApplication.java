package io.github.distrace.autoconfigure.web;

import java.net.ConnectException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An application that calls another one ({@code target.url}) with every kind of HTTP
 * client: built from Spring Boot's builders, and constructed by the application itself.
 * Each endpoint answers with the {@code traceparent} headers the target received. It
 * serves the target's endpoints too, so that it can call itself.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ClientTestApplication.ClientTestController.class, ServerTestApplication.ServerTestController.class })
class ClientTestApplication {

	@Bean
	RestTemplate builtRestTemplate(RestTemplateBuilder builder) {
		return builder.build();
	}

	@Bean
	RestTemplate ownRestTemplate() {
		return new RestTemplate();
	}

	@Bean
	RestClient ownRestClient() {
		return RestClient.create();
	}

	@Bean
	WebClient ownWebClient() {
		return WebClient.create();
	}

	@RestController
	static class ClientTestController {

		private final Environment environment;

		private final RestClient.Builder restClientBuilder;

		private final WebClient.Builder webClientBuilder;

		private final RestTemplate builtRestTemplate;

		private final RestTemplate ownRestTemplate;

		private final RestClient ownRestClient;

		private final WebClient ownWebClient;

		ClientTestController(Environment environment, RestClient.Builder restClientBuilder,
				WebClient.Builder webClientBuilder, @Qualifier("builtRestTemplate") RestTemplate builtRestTemplate,
				@Qualifier("ownRestTemplate") RestTemplate ownRestTemplate, RestClient ownRestClient,
				WebClient ownWebClient) {
			this.environment = environment;
			this.restClientBuilder = restClientBuilder;
			this.webClientBuilder = webClientBuilder;
			this.builtRestTemplate = builtRestTemplate;
			this.ownRestTemplate = ownRestTemplate;
			this.ownRestClient = ownRestClient;
			this.ownWebClient = ownWebClient;
		}

		@GetMapping("/call/rest-client")
		String restClient() {
			return this.restClientBuilder.build().get().uri(traceparentUrl()).retrieve().body(String.class);
		}

		// Boot's builder, with a request factory and a header of the application's own.
		@GetMapping("/call/rest-client-own-factory")
		String restClientOwnFactory() {
			return this.restClientBuilder.clone()
				.requestFactory(new SimpleClientHttpRequestFactory())
				.apply((builder) -> builder.defaultHeader("X-Applied", "yes"))
				.build()
				.get()
				.uri(traceparentUrl())
				.retrieve()
				.body(String.class);
		}

		// Boot's builder with an interceptor of the application's own.
		@GetMapping("/call/rest-client-intercepted")
		String restClientIntercepted() {
			return this.restClientBuilder.clone()
				.requestInterceptor((request, body, execution) -> execution.execute(request, body))
				.build()
				.get()
				.uri(traceparentUrl())
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/call/rest-template")
		String restTemplate() {
			return this.builtRestTemplate.getForObject(traceparentUrl(), String.class);
		}

		@GetMapping("/call/web-client")
		String webClient() {
			return this.webClientBuilder.build()
				.get()
				.uri(traceparentUrl())
				.retrieve()
				.bodyToMono(String.class)
				.block();
		}

		@GetMapping("/call/own-rest-template")
		String ownRestTemplate() {
			return this.ownRestTemplate.getForObject(traceparentUrl(), String.class);
		}

		@GetMapping("/call/own-rest-client")
		String ownRestClient() {
			return this.ownRestClient.get().uri(traceparentUrl()).retrieve().body(String.class);
		}

		@GetMapping("/call/own-web-client")
		String ownWebClient() {
			return this.ownWebClient.get().uri(traceparentUrl()).retrieve().bodyToMono(String.class).block();
		}

		@GetMapping("/call/not-found")
		String notFound() {
			try {
				return this.restClientBuilder.build()
					.get()
					.uri(target() + "/no/such/thing")
					.retrieve()
					.body(String.class);
			}
			catch (HttpClientErrorException ex) {
				return String.valueOf(ex.getStatusCode().value());
			}
		}

		@GetMapping("/call/unreachable")
		String unreachable() {
			try {
				return this.restClientBuilder.build()
					.get()
					.uri("http://127.0.0.1:9/nothing")
					.retrieve()
					.body(String.class);
			}
			catch (ResourceAccessException ex) {
				Throwable cause = ex.getCause();
				return (cause instanceof ConnectException) + " " + cause.getClass().getName();
			}
		}

		@GetMapping("/call/rest-client/headers/{name}")
		String restClientHeaders(@PathVariable String name) {
			return this.restClientBuilder.build()
				.get()
				.uri(target() + "/headers/" + name)
				.retrieve()
				.body(String.class);
		}

		private String traceparentUrl() {
			return target() + "/headers/traceparent";
		}

		// Resolved per call, so that an application can call itself:
		// ${local.server.port}.
		private String target() {
			return this.environment.getRequiredProperty("target.url");
		}

	}

}
