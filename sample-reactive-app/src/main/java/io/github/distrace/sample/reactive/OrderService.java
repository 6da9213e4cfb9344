package io.github.distrace.sample.reactive;

import java.math.BigDecimal;

import io.github.distrace.SpanTag;
import io.github.distrace.Traced;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Reads orders through R2DBC. Each method is a span that lasts until its {@code Mono} or
 * {@code Flux} completes, with the queries below it.
 */
@Service
public class OrderService {

	private final DatabaseClient database;

	OrderService(DatabaseClient database) {
		this.database = database;
	}

	@Traced
	public Mono<Order> find(@SpanTag("order.id") long id) {
		return this.database.sql("SELECT id, customer, status, total FROM orders WHERE id = :id")
			.bind("id", id)
			.map(OrderService::order)
			.one();
	}

	/**
	 * Every order with its lines, read the naive way: one query for the orders, then one
	 * more for the lines of each (an N+1, which the viewer's Findings view points out).
	 * @return the orders with their lines
	 */
	@Traced
	public Flux<OrderOverview> overview() {
		return this.database.sql("SELECT id, customer, status, total FROM orders ORDER BY id")
			.map(OrderService::order)
			.all()
			.flatMapSequential(
					(order) -> lines(order.id()).collectList().map((lines) -> new OrderOverview(order, lines)));
	}

	private Flux<OrderLine> lines(long orderId) {
		return this.database.sql("SELECT sku, quantity FROM order_lines WHERE order_id = :orderId ORDER BY id")
			.bind("orderId", orderId)
			.map((row) -> new OrderLine(row.get("sku", String.class), row.get("quantity", Integer.class)))
			.all();
	}

	private static Order order(Readable row) {
		return new Order(row.get("id", Long.class), row.get("customer", String.class), row.get("status", String.class),
				row.get("total", BigDecimal.class));
	}

}
