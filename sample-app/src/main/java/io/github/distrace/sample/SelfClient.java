package io.github.distrace.sample;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls this application over HTTP, standing in for a second service, so that the demo's
 * traces cross a service boundary.
 */
@Component
class SelfClient {

	private final RestClient restClient;

	private final Environment environment;

	SelfClient(RestClient.Builder restClientBuilder, Environment environment) {
		// Built from Spring Boot's builder, so distrace adds its client span interceptor.
		this.restClient = restClientBuilder.build();
		this.environment = environment;
	}

	String get(String uriTemplate, Object... uriVariables) {
		// The port is known once the server has started; a real service would call
		// another host.
		String self = "http://localhost:" + this.environment.getRequiredProperty("local.server.port");
		return this.restClient.get().uri(self + uriTemplate, uriVariables).retrieve().body(String.class);
	}

}
