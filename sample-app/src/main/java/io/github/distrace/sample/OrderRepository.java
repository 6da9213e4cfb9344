package io.github.distrace.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders in the database. Each statement becomes a query span, without any code here.
 */
@Repository
class OrderRepository {

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Order> find(long id) {
		return this.jdbc.sql("SELECT id, customer, status, total FROM orders WHERE id = :id")
			.param("id", id)
			.query(Order.class)
			.optional();
	}

	List<Order> findByStatus(String status) {
		return this.jdbc.sql("SELECT id, customer, status, total FROM orders WHERE status = :status ORDER BY id")
			.param("status", status)
			.query(Order.class)
			.list();
	}

	int itemCount(long orderId) {
		return this.jdbc.sql("SELECT COALESCE(SUM(quantity), 0) FROM order_lines WHERE order_id = :orderId")
			.param("orderId", orderId)
			.query(Integer.class)
			.single();
	}

	int countByCustomer(String customer) {
		return this.jdbc.sql("SELECT COUNT(*) FROM orders WHERE customer = :customer")
			.param("customer", customer)
			.query(Integer.class)
			.single();
	}

	@Transactional
	Optional<Order> ship(long id) {
		this.jdbc.sql("UPDATE orders SET status = 'SHIPPED' WHERE id = :id AND status = 'PAID'")
			.param("id", id)
			.update();
		return find(id);
	}

}
