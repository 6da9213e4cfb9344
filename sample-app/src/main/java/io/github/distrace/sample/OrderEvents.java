package io.github.distrace.sample;

import io.github.distrace.BaggageService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small event flow over RabbitMQ, with the {@code rabbitmq} profile (and a broker at
 * localhost:5672): {@code POST /orders/{id}/place} publishes an "order placed" message,
 * and a listener handles it by summarizing every order, one query per order. In the
 * viewer it is one trace: the request, {@code send distrace-sample.orders.placed}, then
 * {@code process distrace-sample.orders.placed} with its N+1, and the tenant carried as
 * baggage across the broker. Without the profile the application needs no broker.
 */
@Configuration(proxyBeanMethods = false)
@Profile("rabbitmq")
class OrderEvents {

	static final String ORDERS_PLACED = "distrace-sample.orders.placed";

	private static final Log logger = LogFactory.getLog(OrderEvents.class);

	@Bean
	Queue ordersPlaced() {
		return new Queue(ORDERS_PLACED, false);
	}

	@Bean
	OrderPlacedListener orderPlacedListener(OrderSummaries summaries, BaggageService baggage) {
		return new OrderPlacedListener(summaries, baggage);
	}

	// Found by component scanning on its own, so it names the profile too.
	@RestController
	@Profile("rabbitmq")
	static class PlaceOrderController {

		private final RabbitTemplate rabbit;

		private final BaggageService baggage;

		PlaceOrderController(RabbitTemplate rabbit, BaggageService baggage) {
			this.rabbit = rabbit;
			this.baggage = baggage;
		}

		@PostMapping("/orders/{id}/place")
		ResponseEntity<Void> place(@PathVariable long id, @RequestParam(defaultValue = "acme") String tenant) {
			this.baggage.setValue("tenant", tenant);
			this.rabbit.convertAndSend("", ORDERS_PLACED, String.valueOf(id));
			return ResponseEntity.accepted().build();
		}

	}

	static class OrderPlacedListener {

		private final OrderSummaries summaries;

		private final BaggageService baggage;

		OrderPlacedListener(OrderSummaries summaries, BaggageService baggage) {
			this.summaries = summaries;
			this.baggage = baggage;
		}

		@RabbitListener(queues = ORDERS_PLACED)
		void placed(String id) {
			// The tenant came with the message, as baggage; the log line carries it too.
			logger.info("Order " + id + " placed for tenant " + this.baggage.getValue("tenant").orElse("?") + "; "
					+ this.summaries.oneByOne().size() + " orders now");
		}

	}

}
