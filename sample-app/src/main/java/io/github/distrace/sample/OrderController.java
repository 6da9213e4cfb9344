package io.github.distrace.sample;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that run real queries, so that traces show SQL spans.
 */
@RestController
class OrderController {

	private final OrderRepository orders;

	OrderController(OrderRepository orders) {
		this.orders = orders;
	}

	@GetMapping("/orders/{id}")
	ResponseEntity<Order> order(@PathVariable long id) {
		return ResponseEntity.of(this.orders.find(id));
	}

	@GetMapping("/orders")
	List<Order> orders(@RequestParam(defaultValue = "NEW") String status) {
		return this.orders.findByStatus(status);
	}

	@PostMapping("/orders/{id}/ship")
	ResponseEntity<Order> ship(@PathVariable long id) {
		return ResponseEntity.of(this.orders.ship(id));
	}

}
