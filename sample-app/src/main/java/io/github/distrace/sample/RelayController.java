package io.github.distrace.sample;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Calls {@code /hello} of this same application over HTTP, so that one request shows a
 * multi-hop trace: the server span of {@code /relay}, its client span, and the server
 * span of {@code /hello} below it, all joined by the {@code traceparent} header.
 */
@RestController
class RelayController {

	private final RestClient restClient;

	private final Environment environment;

	RelayController(RestClient.Builder restClientBuilder, Environment environment) {
		// Built from Spring Boot's builder, so distrace adds its client span interceptor.
		this.restClient = restClientBuilder.build();
		this.environment = environment;
	}

	@GetMapping("/relay")
	String relay(@RequestParam(defaultValue = "relay") String name) {
		// The port is known once the server has started; a real service would call another host.
		String self = "http://localhost:" + this.environment.getRequiredProperty("local.server.port");
		String greeting = this.restClient.get()
			.uri(self + "/hello?name={name}", name)
			.retrieve()
			.body(String.class);
		return "relayed: " + greeting;
	}

}
