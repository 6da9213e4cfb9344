package io.github.distrace.sample.reactive;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API. {@code GET /orders/{id}} reads the order through R2DBC and asks the
 * stock route for its stock over HTTP ({@link StockClient}); {@code GET /orders/overview}
 * lists every order with its lines.
 */
@RestController
class OrderController {

	private final OrderService orders;

	private final StockClient stock;

	OrderController(OrderService orders, StockClient stock) {
		this.orders = orders;
		this.stock = stock;
	}

	@GetMapping("/orders/{id}")
	Mono<OrderView> order(@PathVariable long id, @RequestParam(defaultValue = "acme") String tenant,
			ServerHttpRequest request) {
		// Asked first, so that the tenant is baggage for the order's spans too.
		Mono<String> stock = this.stock.stock(id, tenant, request.getLocalAddress().getPort());
		return this.orders.find(id).zipWith(stock, OrderView::new);
	}

	@GetMapping("/orders/overview")
	Flux<OrderOverview> overview() {
		return this.orders.overview();
	}

	/**
	 * An order and its stock.
	 *
	 * @param order the order
	 * @param stock what the stock route answered
	 */
	record OrderView(Order order, String stock) {

	}

}
