package io.github.distrace.autoconfigure.ui;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's WebFlux route sits behind the application's web filters, as Spring
 * Security's filter chain is one: a filter that refuses a request refuses it for the
 * viewer too.
 */
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "distrace.exporter=none",
				"distrace.ui.enabled=true" })
@Import(ReactiveViewerSecurityFilterTests.TokenFilterConfiguration.class)
class ReactiveViewerSecurityFilterTests {

	@LocalServerPort
	private int port;

	@Test
	void isProtectedByTheApplicationsWebFilters() {
		for (String path : List.of("/", "/api/traces")) {
			assertThat(status(path, null)).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(status(path, "let-me-in")).as(path).isEqualTo(HttpStatus.OK);
		}
	}

	private HttpStatusCode status(String path, @Nullable String token) {
		return RestClient.create("http://127.0.0.1:" + this.port + "/distrace").get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.set("X-Token", token);
			}
		}).exchange((request, response) -> response.getStatusCode());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TokenFilterConfiguration {

		@Bean
		WebFilter tokenFilter() {
			return (exchange, chain) -> {
				if ("let-me-in".equals(exchange.getRequest().getHeaders().getFirst("X-Token"))) {
					return chain.filter(exchange);
				}
				exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
				return exchange.getResponse().setComplete();
			};
		}

	}

}
