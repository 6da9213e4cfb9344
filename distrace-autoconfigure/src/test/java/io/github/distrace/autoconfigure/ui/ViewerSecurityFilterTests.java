package io.github.distrace.autoconfigure.ui;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer sits behind the application's servlet filters, as Spring Security's filter
 * chain is one: a filter that refuses a request refuses it for the viewer too.
 */
@SpringBootTest(classes = ViewerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "distrace.exporter=none", "distrace.ui.enabled=true" })
@Import(ViewerSecurityFilterTests.TokenFilterConfiguration.class)
class ViewerSecurityFilterTests {

	@LocalServerPort
	private int port;

	@Test
	void isProtectedByTheApplicationsFilters() {
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port + "/distrace")
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		for (String path : new String[] { "/", "/api/traces" }) {
			assertThat(client.get().uri(path).retrieve().toBodilessEntity().getStatusCode()).as(path)
				.isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(
					client.get().uri(path).header("X-Token", "let-me-in").retrieve().toBodilessEntity().getStatusCode())
				.as(path)
				.isEqualTo(HttpStatus.OK);
		}
		assertThat(client.post()
			.uri("/v1/traces")
			.header("Content-Type", "application/x-protobuf")
			.body(new byte[0])
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TokenFilterConfiguration {

		@Bean
		Filter tokenFilter() {
			return (request, response, chain) -> {
				if ("let-me-in".equals(((HttpServletRequest) request).getHeader("X-Token"))) {
					chain.doFilter(request, response);
				}
				else {
					((HttpServletResponse) response).sendError(HttpServletResponse.SC_UNAUTHORIZED);
				}
			};
		}

	}

}
