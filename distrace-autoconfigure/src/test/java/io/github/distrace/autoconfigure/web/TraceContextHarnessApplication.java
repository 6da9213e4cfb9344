package io.github.distrace.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The test service of the W3C Trace Context test suite ({@code test/test.py} of
 * w3c/trace-context): {@code POST /test} takes a JSON array of {@code {"url": ...,
 * "arguments": [...]}} and posts each one's arguments to its URL with a
 * {@link RestClient} from Spring Boot's builder, so that the suite sees what distrace
 * propagates from the incoming request to outgoing calls.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(TraceContextHarnessApplication.HarnessController.class)
class TraceContextHarnessApplication {

	@RestController
	static class HarnessController {

		private final RestClient client;

		HarnessController(RestClient.Builder builder) {
			this.client = builder.build();
		}

		@PostMapping(path = "/test", produces = MediaType.APPLICATION_JSON_VALUE)
		List<Integer> test(@RequestBody List<Map<String, Object>> actions) {
			List<Integer> statuses = new ArrayList<>();
			for (Map<String, Object> action : actions) {
				Object arguments = action.getOrDefault("arguments", List.of());
				statuses.add(this.client.post()
					.uri(String.valueOf(action.get("url")))
					.contentType(MediaType.APPLICATION_JSON)
					.body((arguments != null) ? arguments : List.of())
					.retrieve()
					.toBodilessEntity()
					.getStatusCode()
					.value());
			}
			return statuses;
		}

	}

}
