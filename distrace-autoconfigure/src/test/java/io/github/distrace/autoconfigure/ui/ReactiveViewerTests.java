package io.github.distrace.autoconfigure.ui;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;

/**
 * The loopback-only rule of the viewer's WebFlux route.
 */
class ReactiveViewerTests extends AbstractViewerAccessTests {

	private static final HandlerStrategies STRATEGIES = HandlerStrategies.withDefaults();

	@Override
	Answer get(String remoteAddress, boolean allowRemote) {
		// Unresolved, so that the address reaches the rule as the client's string, as in
		// the servlet's test.
		MockServerHttpRequest request = MockServerHttpRequest.get("http://127.0.0.1:8080/distrace/api/traces")
			.remoteAddress(InetSocketAddress.createUnresolved(remoteAddress, 50123))
			.localAddress(new InetSocketAddress("127.0.0.1", 8080))
			.build();
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		ReactiveViewer viewer = new ReactiveViewer(this.store, "/distrace", allowRemote);
		viewer.handle(ServerRequest.create(exchange, STRATEGIES.messageReaders()))
			.flatMap((response) -> response.writeTo(exchange, new Context()))
			.block();
		MockServerHttpResponse response = exchange.getResponse();
		return new Answer(response.getStatusCode().value(), response.getBodyAsString().block(),
				response.getHeaders().getFirst("Content-Security-Policy"));
	}

	private static final class Context implements ServerResponse.Context {

		@Override
		public List<HttpMessageWriter<?>> messageWriters() {
			return STRATEGIES.messageWriters();
		}

		@Override
		public List<ViewResolver> viewResolvers() {
			return List.of();
		}

	}

}
