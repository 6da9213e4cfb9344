package io.github.distrace.autoconfigure.r2dbc;

import java.util.List;

import io.github.distrace.SpanTag;
import io.github.distrace.Traced;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Wrapped;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application on R2DBC, its connection factory made from {@code test.r2dbc.url}
 * without Spring Boot's R2DBC modules (they do not resolve for every Spring Boot version
 * tested).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ R2dbcTestApplication.OrdersController.class, R2dbcTestApplication.Orders.class })
class R2dbcTestApplication {

	static final String TABLE = "distrace_r2dbc_orders";

	static final int ORDERS = 20;

	@Bean
	OptionsCapableConnectionFactory connectionFactory(Environment environment) {
		ConnectionFactoryOptions options = ConnectionFactoryOptions
			.parse(environment.getRequiredProperty("test.r2dbc.url"));
		return new OptionsCapableConnectionFactory(options, ConnectionFactories.get(options));
	}

	@Bean
	DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
		return DatabaseClient.create(connectionFactory);
	}

	@Bean
	ApplicationRunner schema(DatabaseClient client, Environment environment) {
		return (arguments) -> {
			client.sql("DROP TABLE IF EXISTS " + TABLE).then().block();
			client.sql("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, status VARCHAR(20))").then().block();
			for (int id = 1; id <= ORDERS; id++) {
				client.sql("INSERT INTO " + TABLE + " (id, status) VALUES (" + id + ", 'PAID')").then().block();
			}
			String setUp = environment.getProperty("test.r2dbc.set-up");
			if (setUp != null) {
				client.sql(setUp).then().block();
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
		Mono<String> order(@PathVariable int id) {
			return this.orders.status(id);
		}

		@GetMapping("/orders/statuses")
		Mono<List<String>> statuses() {
			return this.orders.oneByOne(List.of(1, 2, 3, 4, 5, 6)).collectList();
		}

		@GetMapping("/orders/first-two")
		Mono<List<Integer>> firstTwo() {
			return this.orders.all().take(2).collectList();
		}

		@GetMapping("/orders/broken")
		Mono<String> broken() {
			return this.orders.broken();
		}

		@GetMapping("/orders/slow")
		Mono<Long> slow() {
			return this.orders.slow();
		}

	}

	/**
	 * A repository whose methods are traced, so that their spans sit between the server
	 * span and the query spans.
	 */
	static class Orders {

		private final DatabaseClient client;

		private final String slowStatement;

		Orders(DatabaseClient client, Environment environment) {
			this.client = client;
			this.slowStatement = environment.getProperty("test.r2dbc.slow-statement", "SELECT 1");
		}

		@Traced
		Mono<String> status(@SpanTag("order.id") int id) {
			return this.client.sql("SELECT status FROM " + TABLE + " WHERE id = :id")
				.bind("id", id)
				.map((row) -> row.get("status", String.class))
				.one();
		}

		@Traced
		Flux<String> oneByOne(List<Integer> ids) {
			return Flux.fromIterable(ids)
				.flatMap((id) -> this.client.sql("SELECT status FROM " + TABLE + " WHERE id = :id")
					.bind("id", id)
					.map((row) -> row.get("status", String.class))
					.one());
		}

		@Traced
		Flux<Integer> all() {
			return this.client.sql("SELECT id FROM " + TABLE + " ORDER BY id")
				.map((row) -> row.get("id", Integer.class))
				.all();
		}

		@Traced
		Mono<String> broken() {
			return this.client.sql("SELECT no_such_column FROM " + TABLE + " WHERE status = 'secret-value'")
				.map((row) -> "never")
				.one();
		}

		@Traced
		Mono<Long> slow() {
			return this.client.sql(this.slowStatement).fetch().rowsUpdated();
		}

	}

	/**
	 * Stands in for Spring Boot's {@code OptionsCapableConnectionFactory}, which the
	 * connection factories Spring Boot makes are, and which tells their options.
	 */
	static class OptionsCapableConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

		private final ConnectionFactoryOptions options;

		private final ConnectionFactory delegate;

		OptionsCapableConnectionFactory(ConnectionFactoryOptions options, ConnectionFactory delegate) {
			this.options = options;
			this.delegate = delegate;
		}

		public ConnectionFactoryOptions getOptions() {
			return this.options;
		}

		@Override
		public Publisher<? extends io.r2dbc.spi.Connection> create() {
			return this.delegate.create();
		}

		@Override
		public ConnectionFactoryMetadata getMetadata() {
			return this.delegate.getMetadata();
		}

		@Override
		public ConnectionFactory unwrap() {
			return this.delegate;
		}

	}

}
