package io.github.distrace.sample;

import java.util.Optional;

import io.github.distrace.Distrace;
import io.github.distrace.SpanTag;
import io.github.distrace.TraceSpan;
import io.github.distrace.Traced;

import org.springframework.stereotype.Service;

/**
 * A traced service method with a programmatic span around its query.
 */
@Service
class OrderService {

	private final Distrace distrace;

	private final OrderRepository orders;

	OrderService(Distrace distrace, OrderRepository orders) {
		this.distrace = distrace;
		this.orders = orders;
	}

	@Traced
	Optional<Order> find(@SpanTag("order.id") long id) {
		try (TraceSpan span = this.distrace.span("database_query")) {
			Optional<Order> order = this.orders.find(id);
			span.tag("query_status", order.isPresent() ? "success" : "not_found");
			return order;
		}
	}

}
