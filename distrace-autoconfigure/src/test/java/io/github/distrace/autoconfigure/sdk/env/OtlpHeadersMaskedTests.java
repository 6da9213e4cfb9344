package io.github.distrace.autoconfigure.sdk.env;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP exporter's headers carry API keys: {@code /actuator/env} and
 * {@code /actuator/configprops} of a real web application, set to show values, mask them
 * in every form they come in, and show the other values.
 */
class OtlpHeadersMaskedTests {

	private static final String KEY = "api-k3y-from-properties";

	private static final String OTEL_KEY = "api-k3y-from-otel";

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void clearSystemProperty() {
		System.clearProperty("otel.exporter.otlp.headers");
	}

	@Test
	void headerValuesAreMaskedWhereOtherValuesAreShown() throws Exception {
		System.setProperty("otel.exporter.otlp.headers", "x-otel-key=" + OTEL_KEY);
		try (ConfigurableApplicationContext context = SpringApplication.run(MaskingTestApplication.class,
				"--server.port=0", "--distrace.exporter=none", "--distrace.startup.enabled=false",
				"--distrace.otlp.headers.x-api-key=" + KEY, "--distrace.otlp.timeout=7s",
				"--management.endpoints.web.exposure.include=env,configprops",
				"--management.endpoint.env.show-values=always",
				"--management.endpoint.configprops.show-values=always")) {
			String env = get(context, "/actuator/env");
			String configprops = get(context, "/actuator/configprops");
			for (String body : new String[] { env, configprops }) {
				assertThat(body).doesNotContain(KEY).doesNotContain(OTEL_KEY).contains("******");
			}
			// Values that are not secrets are still shown.
			assertThat(env).contains("distrace.otlp.timeout").contains("7s");
			assertThat(configprops).contains("x-api-key");
		}
	}

	private String get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MaskingTestApplication {

	}

}
