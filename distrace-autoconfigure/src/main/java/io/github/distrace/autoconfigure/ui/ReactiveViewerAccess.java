package io.github.distrace.autoconfigure.ui;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.ConnectionInformation;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;

/**
 * {@link ViewerAccess}'s rule for a WebFlux request. Its addresses may come from headers
 * any client can send: Spring's {@code ForwardedHeaderTransformer} replaces them, and so
 * does Reactor Netty itself with {@code server.forward-headers-strategy=native}, the
 * local address included. They may therefore only narrow the decision; on Reactor Netty,
 * the connection's own addresses, which no header changes, must be loopback too.
 *
 * @author distrace
 */
final class ReactiveViewerAccess {

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent("reactor.netty.http.server.ConnectionInformation",
			ReactiveViewerAccess.class.getClassLoader());

	private final LoopbackRule rule;

	ReactiveViewerAccess(boolean allowRemote) {
		this.rule = new LoopbackRule(allowRemote);
	}

	@Nullable String refusal(ServerHttpRequest request) {
		// The Host header as the client sent it, and the host of the request's URI, which
		// a forwarded host replaces.
		return this.rule.refusal(() -> isFromLoopback(request), request.getHeaders().getFirst(HttpHeaders.HOST),
				request.getURI().getHost());
	}

	private static boolean isFromLoopback(ServerHttpRequest request) {
		return isLoopback(request.getLocalAddress()) && isLoopback(request.getRemoteAddress())
				&& (!REACTOR_NETTY || NettyConnection.isFromLoopback(request));
	}

	private static boolean isLoopback(@Nullable SocketAddress address) {
		if (!(address instanceof InetSocketAddress inet)) {
			return false;
		}
		// A forwarded address may be a name that was never resolved.
		return LoopbackAddresses
			.isLoopback((inet.getAddress() != null) ? inet.getAddress().getHostAddress() : inet.getHostString());
	}

	/**
	 * The connection beneath a Reactor Netty request, in a class of its own so that other
	 * servers need no Reactor Netty.
	 */
	private static final class NettyConnection {

		static boolean isFromLoopback(ServerHttpRequest request) {
			Object connection;
			try {
				connection = ServerHttpRequestDecorator.getNativeRequest(request);
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				// A request of no server (a test's mock): its addresses are all there is.
				return true;
			}
			return !(connection instanceof ConnectionInformation netty)
					|| (isLoopback(netty.connectionHostAddress()) && isLoopback(netty.connectionRemoteAddress()));
		}

	}

}
