package io.github.distrace.sample.reactive;

import io.github.distrace.BaggageService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A functional route, standing for a second service that the orders API calls: it reads
 * the tenant from the baggage the call carried.
 */
@Configuration(proxyBeanMethods = false)
class StockRoutes {

	@Bean
	RouterFunction<ServerResponse> stockRoute(BaggageService baggage) {
		return RouterFunctions.route()
			.GET("/stock/{id}",
					(request) -> ServerResponse.ok()
						.bodyValue("stock of " + request.pathVariable("id") + " for tenant "
								+ baggage.getValue("tenant").orElse("unknown")))
			.build();
	}

}
