package io.github.distrace.autoconfigure.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.distrace.Traced;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small web application whose requests do what a service's requests do: a server span,
 * a {@code @Traced} method, and two queries against H2, four spans in all.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ OrdersTestApplication.OrdersController.class, OrdersTestApplication.Orders.class })
class OrdersTestApplication {

	static final int SPANS_PER_REQUEST = 4;

	static ConfigurableApplicationContext run(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--distrace.startup.enabled=false",
				"--spring.datasource.generate-unique-name=true"));
		all.addAll(List.of(arguments));
		return SpringApplication.run(OrdersTestApplication.class, all.toArray(String[]::new));
	}

	/**
	 * Send {@code GET /orders/{id}} this many times from this many threads at once, each
	 * answered with 200.
	 */
	static void load(ConfigurableApplicationContext context, int requests, int concurrency) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		AtomicInteger sent = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				running.add(clients.submit(() -> {
					for (int id = sent.incrementAndGet(); id <= requests; id = sent.incrementAndGet()) {
						HttpResponse<String> response = get(http, context, "/orders/" + (id % 10 + 1));
						assertThat(response.statusCode()).isEqualTo(200);
					}
					return null;
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	static HttpResponse<String> get(HttpClient http, ConfigurableApplicationContext context, String path)
			throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Bean
	ApplicationRunner ordersSchema(JdbcClient jdbc) {
		return (arguments) -> {
			jdbc.sql("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(100))").update();
			jdbc.sql("CREATE TABLE order_lines (order_id BIGINT, product VARCHAR(100), quantity INT)").update();
			for (long id = 1; id <= 10; id++) {
				jdbc.sql("INSERT INTO orders (id, customer) VALUES (?, ?)").params(id, "customer " + id).update();
				jdbc.sql("INSERT INTO order_lines (order_id, product, quantity) VALUES (?, ?, ?)")
					.params(id, "product " + id, 2)
					.update();
			}
		};
	}

	@RestController
	static class OrdersController {

		private final Orders orders;

		OrdersController(Orders orders) {
			this.orders = orders;
		}

		@GetMapping("/orders/{id}")
		String order(@PathVariable long id) {
			return this.orders.describe(id);
		}

	}

	@Traced
	static class Orders {

		private final JdbcClient jdbc;

		Orders(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		public String describe(long id) {
			String customer = this.jdbc.sql("SELECT customer FROM orders WHERE id = ?")
				.param(id)
				.query(String.class)
				.single();
			long lines = this.jdbc.sql("SELECT COUNT(*) FROM order_lines WHERE order_id = ?")
				.param(id)
				.query(Long.class)
				.single();
			return customer + ": " + lines;
		}

	}

}
