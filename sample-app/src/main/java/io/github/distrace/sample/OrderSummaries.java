package io.github.distrace.sample;

import java.util.List;

import io.github.distrace.Traced;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Summaries of every order with its number of items, twice: once with an N+1 for distrace
 * to find, and once fixed.
 */
@Service
class OrderSummaries {

	private final PurchaseOrders orders;

	OrderSummaries(PurchaseOrders orders) {
		this.orders = orders;
	}

	/**
	 * One query for the orders, then one more for each order's lines, as its lazy
	 * collection is read: distrace reports an N+1 on this method's span.
	 * @return the summaries
	 */
	@Traced
	@Transactional(readOnly = true)
	public List<OrderSummary> oneByOne() {
		return this.orders.findAll(Sort.by("id")).stream().map(OrderSummary::of).toList();
	}

	/**
	 * The same summaries from one query that fetches the lines with their orders.
	 * @return the summaries
	 */
	@Traced
	@Transactional(readOnly = true)
	public List<OrderSummary> joined() {
		return this.orders.findAllWithLines().stream().map(OrderSummary::of).toList();
	}

	/**
	 * An order and how many items it holds.
	 *
	 * @param id the order id
	 * @param customer who placed it
	 * @param items the sum of its lines' quantities
	 */
	record OrderSummary(long id, String customer, int items) {

		static OrderSummary of(PurchaseOrder order) {
			return new OrderSummary(order.getId(), order.getCustomer(),
					order.getLines().stream().mapToInt(OrderLine::getQuantity).sum());
		}

	}

}
