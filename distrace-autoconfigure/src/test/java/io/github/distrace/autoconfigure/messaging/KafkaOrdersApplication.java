package io.github.distrace.autoconfigure.messaging;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.distrace.BaggageService;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order service on Kafka: an HTTP request sends an order, a listener handles it with
 * queries; a batch listener, started by the test, handles what was sent before. Each test
 * class has consumer groups of its own ({@code test.group-prefix}), so that the
 * applications of two classes, both cached by the test framework, never share a
 * partition.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class KafkaOrdersApplication {

	static final String BATCHES = "batches";

	@Bean
	BlockingQueue<String> handled() {
		return new LinkedBlockingQueue<>();
	}

	@Bean
	OrderListeners orderListeners(JdbcTemplate jdbc, BaggageService baggage) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS orders (id INT, product VARCHAR(20))");
		return new OrderListeners(jdbc, baggage, handled());
	}

	@Bean
	DefaultErrorHandler noRetries() {
		return new DefaultErrorHandler(new FixedBackOff(0, 0));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(ConsumerFactory<Object, Object> consumers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.setBatchListener(true);
		return factory;
	}

	// A member class that is a component: registered with the application.
	@RestController
	static class OrdersController {

		private final KafkaTemplate<Object, Object> kafka;

		private final BaggageService baggage;

		OrdersController(KafkaTemplate<Object, Object> kafka, BaggageService baggage) {
			this.kafka = kafka;
			this.baggage = baggage;
		}

		@PostMapping("/orders/{id}")
		void place(@PathVariable String id) {
			this.kafka.send("orders", id, id).join();
		}

		@PostMapping("/orders/{id}/lines")
		void lines(@PathVariable String id) {
			this.kafka.send("order-lines", id, id).join();
		}

		@PostMapping("/orders/{id}/tenant/{tenant}")
		void withTenant(@PathVariable String id, @PathVariable String tenant) {
			this.baggage.setValue("tenant", tenant);
			this.kafka.send("order-tenants", id, id).join();
		}

		@PostMapping("/orders/{id}/rejected")
		void rejected(@PathVariable String id) {
			this.kafka.send("orders-rejected", id, id).join();
		}

		@PostMapping("/orders/{id}/batch")
		void batch(@PathVariable String id) {
			this.kafka.send("order-batches", id, id).join();
		}

	}

	static class OrderListeners {

		private final JdbcTemplate jdbc;

		private final BaggageService baggage;

		private final BlockingQueue<String> handled;

		OrderListeners(JdbcTemplate jdbc, BaggageService baggage, BlockingQueue<String> handled) {
			this.jdbc = jdbc;
			this.baggage = baggage;
			this.handled = handled;
		}

		@KafkaListener(topics = "orders", groupId = "${test.group-prefix}orders")
		void order(String id) {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Integer.class, Integer.parseInt(id));
			this.handled.add("order " + id);
		}

		@KafkaListener(topics = "order-lines", groupId = "${test.group-prefix}order-lines")
		void lines(String id) {
			// One query per line: the N+1 the keep rules must catch.
			for (int line = 1; line <= 6; line++) {
				this.jdbc.queryForList("SELECT product FROM orders WHERE id = ?", line);
			}
			this.handled.add("lines " + id);
		}

		@KafkaListener(topics = "order-tenants", groupId = "${test.group-prefix}order-tenants")
		void tenant(String id) {
			// A consumed message keeps the baggage its listener sets, as a request does.
			this.baggage.setValue("handled.by", "listener");
			this.handled.add("tenant " + this.baggage.getValue("tenant").orElse("none") + ", handled by "
					+ this.baggage.getValue("handled.by").orElse("none"));
		}

		@KafkaListener(topics = "orders-rejected", groupId = "${test.group-prefix}orders-rejected")
		void rejected(String id) {
			throw new IllegalStateException("order " + id + " rejected");
		}

		@KafkaListener(id = BATCHES, topics = "order-batches", groupId = "${test.group-prefix}order-batches",
				containerFactory = "batchFactory", autoStartup = "false")
		void batch(List<String> ids) {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
			this.handled.add("batch " + ids.size());
		}

	}

}
