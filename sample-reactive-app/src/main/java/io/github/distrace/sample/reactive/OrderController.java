package io.github.distrace.sample.reactive;

import io.github.distrace.BaggageService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The orders API. {@code GET /orders/{id}} reads the order through R2DBC and asks the
 * stock route for its stock over HTTP, as a second service would be asked: the call
 * carries the trace context and the tenant as baggage.
 */
@RestController
class OrderController {

	private final OrderService orders;

	private final BaggageService baggage;

	private final WebClient webClient;

	OrderController(OrderService orders, BaggageService baggage, WebClient.Builder webClient) {
		this.orders = orders;
		this.baggage = baggage;
		this.webClient = webClient.build();
	}

	@GetMapping("/orders/{id}")
	Mono<OrderView> order(@PathVariable long id, @RequestParam(defaultValue = "acme") String tenant,
			ServerHttpRequest request) {
		this.baggage.setValue("tenant", tenant);
		Mono<String> stock = this.webClient.get()
			.uri("http://localhost:" + request.getLocalAddress().getPort() + "/stock/" + id)
			.retrieve()
			.bodyToMono(String.class);
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
