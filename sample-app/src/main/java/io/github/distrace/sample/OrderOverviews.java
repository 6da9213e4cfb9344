package io.github.distrace.sample;

import java.util.Optional;

import io.github.distrace.SpanTag;
import io.github.distrace.Traced;

import org.springframework.stereotype.Service;

/**
 * An order with what a page about it shows: its items, how many orders its customer
 * placed, and the stock service's answer. Three queries and a call to a second service:
 * the request that the load test measures (benchmarks/load-test).
 */
@Service
class OrderOverviews {

	private final OrderRepository orders;

	private final SelfClient stockService;

	OrderOverviews(OrderRepository orders, SelfClient stockService) {
		this.orders = orders;
		this.stockService = stockService;
	}

	@Traced
	Optional<OrderOverview> overview(@SpanTag("order.id") long id) {
		return this.orders.find(id)
			.map((order) -> new OrderOverview(order, this.orders.itemCount(id),
					this.orders.countByCustomer(order.customer()), this.stockService.get("/stock/{id}", id)));
	}

	/**
	 * What {@code GET /orders/{id}/overview} answers.
	 *
	 * @param order the order
	 * @param items the sum of its lines' quantities
	 * @param customerOrders how many orders its customer placed, this one included
	 * @param stock what the stock service said
	 */
	record OrderOverview(Order order, int items, int customerOrders, String stock) {
	}

}
