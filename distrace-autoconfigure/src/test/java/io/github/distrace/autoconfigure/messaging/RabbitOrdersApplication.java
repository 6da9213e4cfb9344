package io.github.distrace.autoconfigure.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.distrace.BaggageService;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order service on RabbitMQ: an HTTP request publishes an order, a listener handles it
 * with queries; a batch listener, started by the test, handles what was sent before. Each
 * queue is a server-named one, deleted when the test's connection closes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class RabbitOrdersApplication {

	static final String BATCHES = "batches";

	@Bean
	Queue ordersQueue() {
		return privateQueue();
	}

	@Bean
	Queue linesQueue() {
		return privateQueue();
	}

	@Bean
	Queue baggageQueue() {
		return privateQueue();
	}

	@Bean
	Queue failingQueue() {
		return privateQueue();
	}

	@Bean
	Queue batchQueue() {
		return privateQueue();
	}

	@Bean
	SimpleRabbitListenerContainerFactory batchFactory(SimpleRabbitListenerContainerFactoryConfigurer configurer,
			ConnectionFactory connections) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connections);
		factory.setBatchListener(true);
		factory.setConsumerBatchEnabled(true);
		factory.setBatchSize(3);
		return factory;
	}

	@Bean
	Queue unheardQueue() {
		return privateQueue();
	}

	// What AnonymousQueue is (a fresh name, exclusive, auto-delete) without the queue
	// arguments that Spring AMQP 4.0 adds to it, which older RabbitMQ servers refuse.
	private static Queue privateQueue() {
		return new Queue("distrace.test." + UUID.randomUUID(), false, true, true);
	}

	@Bean
	BlockingQueue<String> handled() {
		return new LinkedBlockingQueue<>();
	}

	@Bean
	OrderListeners orderListeners(JdbcTemplate jdbc, BaggageService baggage) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS orders (id INT, product VARCHAR(20))");
		return new OrderListeners(jdbc, baggage, handled());
	}

	// A member class that is a component: registered with the application.
	@RestController
	static class OrdersController {

		private final RabbitTemplate rabbit;

		private final BaggageService baggage;

		private final Map<String, Queue> queues;

		OrdersController(RabbitTemplate rabbit, BaggageService baggage, Map<String, Queue> queues) {
			this.rabbit = rabbit;
			this.baggage = baggage;
			this.queues = queues;
		}

		@PostMapping("/orders/{id}")
		void place(@PathVariable String id) {
			this.rabbit.convertAndSend("", queueName("ordersQueue"), id);
		}

		@PostMapping("/orders/{id}/lines")
		void lines(@PathVariable String id) {
			this.rabbit.convertAndSend("", queueName("linesQueue"), id);
		}

		@PostMapping("/orders/{id}/tenant/{tenant}")
		void withTenant(@PathVariable String id, @PathVariable String tenant) {
			this.baggage.setValue("tenant", tenant);
			this.rabbit.convertAndSend("", queueName("baggageQueue"), id);
		}

		@PostMapping("/orders/{id}/batch")
		void batch(@PathVariable String id) {
			this.rabbit.convertAndSend("", queueName("batchQueue"), id);
		}

		@PostMapping("/orders/{id}/rejected")
		void rejected(@PathVariable String id) {
			this.rabbit.convertAndSend("", queueName("failingQueue"), id);
		}

		private String queueName(String bean) {
			return this.queues.get(bean).getName();
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

		@RabbitListener(queues = "#{ordersQueue.name}")
		void order(String id) {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE id = ?", Integer.class, Integer.parseInt(id));
			this.handled.add("order " + id);
		}

		@RabbitListener(queues = "#{linesQueue.name}")
		void lines(String id) {
			// One query per line: the N+1 the keep rules must catch.
			for (int line = 1; line <= 6; line++) {
				this.jdbc.queryForList("SELECT product FROM orders WHERE id = ?", line);
			}
			this.handled.add("lines " + id);
		}

		@RabbitListener(queues = "#{baggageQueue.name}")
		void tenant(String id) {
			// A consumed message keeps the baggage its listener sets, as a request does.
			this.baggage.setValue("handled.by", "listener");
			this.handled.add("tenant " + this.baggage.getValue("tenant").orElse("none") + ", handled by "
					+ this.baggage.getValue("handled.by").orElse("none"));
		}

		@RabbitListener(id = BATCHES, queues = "#{batchQueue.name}", containerFactory = "batchFactory",
				autoStartup = "false")
		void batch(List<String> ids) {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM orders", Integer.class);
			this.handled.add("batch " + ids.size());
		}

		@RabbitListener(queues = "#{failingQueue.name}")
		void rejected(String id) {
			throw new IllegalStateException("order " + id + " rejected");
		}

	}

}
