package io.github.distrace.benchmarks;

import java.util.List;

import io.github.distrace.autoconfigure.context.DistraceContextAutoConfiguration;
import io.github.distrace.autoconfigure.web.reactive.DistraceWebFluxServerAutoConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One WebFlux exchange through the web filter that makes server spans, against the same
 * exchange without it and through a filter that only calls the chain: the reactive
 * counterpart of {@link ServerSpanFilterBenchmark}, to compare with its {@code filter}.
 * The exchange is Spring's mock exchange and the chain's handler does what WebFlux does
 * for every request before a handler runs (reads the request's path, which WebFlux's
 * handler mappings match routes against, and sets the matched route), so that only the
 * filter's own work (and the Reactor operators it adds) is measured: without the read,
 * the path the filter reads for {@code distrace.web.exclude} would be parsed on its
 * account, which in a WebFlux application it never is. Every exchange of {@code filter}
 * records one span.
 *
 * @author distrace
 */
public class WebFluxServerSpanBenchmark extends Settings {

	private static final String SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static final PathPattern ROUTE = PathPatternParser.defaultInstance.parse("/orders/{id}");

	private static final WebFilterChain HANDLER = (exchange) -> {
		exchange.getRequest().getPath().pathWithinApplication();
		exchange.getAttributes().put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
		exchange.getResponse().setStatusCode(HttpStatus.OK);
		return Mono.empty();
	};

	private static final WebFilter PASS_THROUGH = (exchange, chain) -> chain.filter(exchange);

	private DistraceContext distrace;

	private WebFilter filter;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.startReactive(new String[0], WebFlux.class);
		List<WebFilter> filters = this.distrace.webFilters();
		if (filters.size() != 1) {
			throw new IllegalStateException("Expected the server span filter alone: " + filters);
		}
		this.filter = filters.get(0);
	}

	@Benchmark
	public ServerWebExchange noFilter() {
		ServerWebExchange exchange = exchange();
		HANDLER.filter(exchange).block();
		return exchange;
	}

	@Benchmark
	public ServerWebExchange passThroughFilter() {
		ServerWebExchange exchange = exchange();
		PASS_THROUGH.filter(exchange, HANDLER).block();
		return exchange;
	}

	@Benchmark
	public ServerWebExchange filter() {
		this.spans++;
		ServerWebExchange exchange = exchange();
		this.filter.filter(exchange, HANDLER).block();
		return exchange;
	}

	private static ServerWebExchange exchange() {
		return MockServerWebExchange
			.from(MockServerHttpRequest.get("/orders/42").header("User-Agent", "wrk").header("traceparent", SAMPLED));
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	/**
	 * distrace's server spans, as a WebFlux application has them: with Reactor's
	 * automatic context propagation on, as distrace's context auto-configuration leaves
	 * it.
	 */
	@ImportAutoConfiguration({ DistraceWebFluxServerAutoConfiguration.class, DistraceContextAutoConfiguration.class })
	static class WebFlux {

	}

}
