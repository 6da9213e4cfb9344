package io.github.distrace.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that shows what it would send on: the headers its propagators write for
 * an outgoing call, one {@code name: value} line each.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(HostileInputTestApplication.OutgoingController.class)
class HostileInputTestApplication {

	static final String HANDLED = "hostile input handled";

	@RestController
	static class OutgoingController {

		private static final Logger logger = LoggerFactory.getLogger(OutgoingController.class);

		private final OpenTelemetry openTelemetry;

		OutgoingController(OpenTelemetry openTelemetry) {
			this.openTelemetry = openTelemetry;
		}

		@GetMapping("/outgoing")
		String outgoing() {
			logger.info(HANDLED);
			Map<String, String> headers = new LinkedHashMap<>();
			this.openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
			StringBuilder lines = new StringBuilder();
			headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
			return lines.toString();
		}

	}

}
