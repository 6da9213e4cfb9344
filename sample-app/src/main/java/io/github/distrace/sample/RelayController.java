package io.github.distrace.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls {@code /hello} of this same application over HTTP: a multi-hop trace in one
 * application.
 */
@RestController
class RelayController {

	private final SelfClient self;

	RelayController(SelfClient self) {
		this.self = self;
	}

	@GetMapping("/relay")
	String relay(@RequestParam(defaultValue = "relay") String name) {
		return "relayed: " + this.self.get("/hello?name={name}", name);
	}

}
