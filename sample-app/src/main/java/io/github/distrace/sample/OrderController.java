package io.github.distrace.sample;

import java.util.List;

import io.github.distrace.BaggageService;
import io.github.distrace.Distrace;
import io.github.distrace.Traced;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The demo's endpoints. {@code GET /orders/{id}} shows every part of a trace: the server
 * span, {@code @Traced} methods, a programmatic span, the SQL query, an {@code @Async}
 * step, and a call to a second service that receives the tenant as baggage.
 */
@RestController
class OrderController {

	private static final Log logger = LogFactory.getLog(OrderController.class);

	private final OrderService orderService;

	private final OrderRepository orders;

	private final AuditTrail audit;

	private final SelfClient stockService;

	private final BaggageService baggage;

	private final Distrace distrace;

	private final OrderSummaries summaries;

	private final OrderOverviews overviews;

	OrderController(OrderService orderService, OrderRepository orders, AuditTrail audit, SelfClient stockService,
			BaggageService baggage, Distrace distrace, OrderSummaries summaries, OrderOverviews overviews) {
		this.orderService = orderService;
		this.orders = orders;
		this.audit = audit;
		this.stockService = stockService;
		this.baggage = baggage;
		this.distrace = distrace;
		this.summaries = summaries;
		this.overviews = overviews;
	}

	@GetMapping("/orders/{id}")
	@Traced
	ResponseEntity<OrderDetails> order(@PathVariable long id, @RequestParam(defaultValue = "acme") String tenant) {
		this.baggage.setValue("tenant", tenant);
		logger.info("Looking up order " + id);
		return ResponseEntity.of(this.orderService.find(id).map((order) -> {
			this.audit.record(id).join();
			String stock = this.stockService.get("/stock/{id}", id);
			return new OrderDetails(order, stock, this.distrace.currentTraceId());
		}));
	}

	/**
	 * An order with its items, its customer's order count and its stock: three queries
	 * and a call to the stock service, with the tenant as baggage. The load test's
	 * request.
	 */
	@GetMapping("/orders/{id}/overview")
	ResponseEntity<OrderOverviews.OrderOverview> overview(@PathVariable long id,
			@RequestParam(defaultValue = "acme") String tenant) {
		this.baggage.setValue("tenant", tenant);
		logger.info("Overview of order " + id);
		return ResponseEntity.of(this.overviews.overview(id));
	}

	@GetMapping("/orders")
	List<Order> orders(@RequestParam(defaultValue = "NEW") String status) {
		return this.orders.findByStatus(status);
	}

	/**
	 * Every order with its item count, loading each order's lines one at a time: an N+1
	 * that distrace reports (log line, span event, the viewer's badge).
	 */
	@GetMapping("/orders/summaries")
	List<OrderSummaries.OrderSummary> summaries() {
		return this.summaries.oneByOne();
	}

	/**
	 * The same, fixed: one query fetches the lines with their orders.
	 */
	@GetMapping("/orders/summaries/fixed")
	List<OrderSummaries.OrderSummary> summariesFixed() {
		return this.summaries.joined();
	}

	@PostMapping("/orders/{id}/ship")
	ResponseEntity<Order> ship(@PathVariable long id) {
		return ResponseEntity.of(this.orders.ship(id));
	}

	/**
	 * What {@code GET /orders/{id}} answers.
	 *
	 * @param order the order
	 * @param stock what the stock service said
	 * @param traceId the trace of this request, to look up in the viewer
	 */
	record OrderDetails(Order order, String stock, String traceId) {
	}

}
