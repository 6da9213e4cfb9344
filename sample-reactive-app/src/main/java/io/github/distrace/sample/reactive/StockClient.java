package io.github.distrace.sample.reactive;

import io.github.distrace.BaggageService;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks the stock route over HTTP, as a second service would be asked: the call carries
 * the trace context, and the tenant as baggage.
 */
@Component
class StockClient {

	private final BaggageService baggage;

	private final WebClient webClient;

	StockClient(BaggageService baggage, WebClient.Builder webClient) {
		this.baggage = baggage;
		this.webClient = webClient.build();
	}

	/**
	 * Ask for the stock of an order.
	 * @param id the order
	 * @param tenant the tenant, set as baggage for the rest of the request
	 * @param port the port this application listens on
	 * @return what the stock route answers
	 */
	Mono<String> stock(long id, String tenant, int port) {
		this.baggage.setValue("tenant", tenant);
		return this.webClient.get()
			.uri("http://localhost:" + port + "/stock/" + id)
			.retrieve()
			.bodyToMono(String.class);
	}

}
