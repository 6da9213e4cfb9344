package io.github.distrace.autoconfigure.web.reactive;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.github.distrace.BaggageService;
import io.github.distrace.Distrace;
import io.github.distrace.SpanTag;
import io.github.distrace.TraceSpan;
import io.github.distrace.Traced;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application with the kinds of endpoints reactive server spans must handle.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ WebFluxTestApplication.OrdersController.class, WebFluxTestApplication.OrderLoader.class })
class WebFluxTestApplication {

	/**
	 * Counted down when the slow endpoint has started, so that a test can cancel it.
	 */
	static volatile CountDownLatch slowStarted = new CountDownLatch(1);

	@Bean
	RouterFunction<ServerResponse> itemRoutes() {
		return RouterFunctions.route()
			.GET("/items/{id}", (request) -> ServerResponse.ok().bodyValue("item " + request.pathVariable("id")))
			.build();
	}

	@RestController
	static class OrdersController {

		private final OrderLoader loader;

		private final BaggageService baggage;

		private final WebClient webClient;

		OrdersController(OrderLoader loader, BaggageService baggage, WebClient.Builder webClient) {
			this.loader = loader;
			this.baggage = baggage;
			this.webClient = webClient.build();
		}

		@GetMapping("/orders/{id}")
		Mono<String> order(@PathVariable String id) {
			return Mono.just("order " + id);
		}

		@GetMapping("/chain/{id}")
		Mono<String> chain(@PathVariable String id) {
			return this.loader.load(id);
		}

		@GetMapping("/fail")
		Mono<String> fail() {
			return Mono.just("x").publishOn(Schedulers.parallel()).map((value) -> {
				throw new IllegalStateException("failed in the chain");
			});
		}

		@GetMapping("/slow")
		Mono<String> slow(@RequestParam(defaultValue = "30") int seconds) {
			return Mono.delay(Duration.ofSeconds(seconds))
				.doOnSubscribe((subscription) -> slowStarted.countDown())
				.map((tick) -> "late");
		}

		@GetMapping("/baggage")
		Mono<String> baggage() {
			return Mono.just("tenant").publishOn(Schedulers.boundedElastic()).doOnNext((key) -> {
				this.baggage.setValue("set.in.chain", "yes");
			})
				.publishOn(Schedulers.parallel())
				.map((key) -> this.baggage.getValue(key).orElse("none") + ","
						+ this.baggage.getValue("set.in.chain").orElse("none"));
		}

		@GetMapping("/call/{id}")
		Mono<String> call(@PathVariable String id, ServerHttpRequest request) {
			return this.webClient.get()
				.uri("http://localhost:" + request.getURI().getPort() + "/orders/" + id)
				.retrieve()
				.bodyToMono(String.class);
		}

		@GetMapping("/internal/ping")
		Mono<String> ping() {
			return Mono.just("pong");
		}

	}

	static class OrderLoader {

		private final Distrace distrace;

		OrderLoader(Distrace distrace) {
			this.distrace = distrace;
		}

		@Traced("OrderLoader.load")
		public Mono<String> load(@SpanTag("order.id") String id) {
			return Mono.just(id).publishOn(Schedulers.boundedElastic()).flatMap((value) -> Mono.fromCallable(() -> {
				try (TraceSpan span = this.distrace.span("inner")) {
					span.tag("order.id", value);
					return "loaded " + value;
				}
			}).subscribeOn(Schedulers.parallel()));
		}

	}

}
