package io.github.distrace.compatibility;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security on the classpath, the embedded viewer, its JSON API and its OTLP
 * receiver are protected like any other path of the application.
 */
class ViewerBehindSpringSecurityTests {

	@Test
	void securityDefaultsProtectTheViewer() {
		try (ConfigurableApplicationContext context = run(DefaultSecurityApplication.class)) {
			RestClient client = client(context);
			assertThat(status(client, "/distrace/")).isEqualTo(401);
			assertThat(status(client, "/distrace/api/traces")).isEqualTo(401);
		}
	}

	@Test
	void theApplicationsOwnRulesDecideWhoSeesTheViewer() {
		try (ConfigurableApplicationContext context = run(ViewerForDevelopersApplication.class)) {
			RestClient client = client(context);
			assertThat(status(client, "/distrace/api/traces")).isEqualTo(401);
			int ingestion = client.post()
				.uri("/distrace/v1/traces")
				.body(new byte[0])
				.exchange((request, response) -> response.getStatusCode().value());
			assertThat(ingestion).isEqualTo(401);
			String traces = client.get()
				.uri("/distrace/api/traces")
				.headers((headers) -> headers.setBasicAuth("dev", "secret"))
				.retrieve()
				.body(String.class);
			assertThat(traces).startsWith("{");
		}
	}

	private static int status(RestClient client, String path) {
		return client.get().uri(path).exchange((request, response) -> response.getStatusCode()).value();
	}

	private static RestClient client(ConfigurableApplicationContext context) {
		String port = context.getEnvironment().getRequiredProperty("local.server.port");
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	private static ConfigurableApplicationContext run(Class<?> application) {
		SpringApplication app = new SpringApplication(application);
		app.setDefaultProperties(Map.of("server.port", "0", "distrace.ui.enabled", "true", "distrace.exporter", "none",
				"management.otlp.metrics.export.enabled", "false"));
		return app.run();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class DefaultSecurityApplication {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ViewerForDevelopersApplication {

		@Bean
		SecurityFilterChain viewerForDevelopers(HttpSecurity http) {
			return http
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers("/distrace/**").authenticated().anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.ignoringRequestMatchers("/distrace/v1/traces"))
				.build();
		}

		@Bean
		UserDetailsService developers() {
			return new InMemoryUserDetailsManager(
					User.withUsername("dev").password("{noop}secret").roles("DEV").build());
		}

	}

}
