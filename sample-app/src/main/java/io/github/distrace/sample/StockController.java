package io.github.distrace.sample;

import io.github.distrace.BaggageService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second hop: reads the tenant from the baggage that came with the call, and the
 * stock (through a Redis cache with the redis profile).
 */
@RestController
class StockController {

	private final BaggageService baggage;

	private final StockLevels stockLevels;

	StockController(BaggageService baggage, StockLevels stockLevels) {
		this.baggage = baggage;
		this.stockLevels = stockLevels;
	}

	@GetMapping("/stock/{id}")
	String stock(@PathVariable long id) {
		return "stock of " + id + " for tenant " + this.baggage.getValue("tenant").orElse("unknown") + ": "
				+ this.stockLevels.stock(id);
	}

}
