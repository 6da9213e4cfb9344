package io.github.distrace.autoconfigure.ui;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the viewer, its JSON API and its OTLP receiver serve a request: unless
 * {@code distrace.ui.allow-remote} is set, only one that comes from the loopback
 * interface and is addressed to it.
 * <p>
 * Coming from loopback is judged on the connection, which no header changes: its local
 * address is a loopback address only for a client on this machine. With
 * {@code server.forward-headers-strategy}, the remote address comes from a header that
 * any client can send (Tomcat's {@code RemoteIpValve} rewrites it; Spring's
 * {@code ForwardedHeaderFilter} wraps the request), so it may only narrow the decision:
 * it must be loopback too, which also refuses a client of another machine that a proxy on
 * this one forwards.
 * <p>
 * Being addressed to loopback defeats DNS rebinding: a page of another site that rebinds
 * its name to 127.0.0.1 reaches the viewer from the developer's own browser, but its
 * requests carry that name in {@code Host}.
 * <p>
 * Internal: not for use outside distrace; public for the viewer's OTLP receiver
 * ({@code ui.otlp}).
 *
 * @author distrace
 */
public final class ViewerAccess {

	private final LoopbackRule rule;

	/**
	 * Create the decision.
	 * @param allowRemote whether requests from and to other addresses are served
	 */
	public ViewerAccess(boolean allowRemote) {
		this.rule = new LoopbackRule(allowRemote);
	}

	/**
	 * Return why a request is refused.
	 * @param request the request
	 * @return the reason, for a 403 answer, or {@code null} to serve the request
	 */
	public @Nullable String refusal(HttpServletRequest request) {
		// The Host header as the client sent it, and the server name, which a forwarded
		// host replaces when server.forward-headers-strategy is set.
		return this.rule.refusal(() -> isFromLoopback(request), request.getHeader("Host"), request.getServerName());
	}

	private static boolean isFromLoopback(HttpServletRequest request) {
		ServletRequest connection = unwrap(request);
		return LoopbackAddresses.isLoopback(connection.getLocalAddr())
				&& LoopbackAddresses.isLoopback(connection.getRemoteAddr())
				&& LoopbackAddresses.isLoopback(request.getRemoteAddr());
	}

	// The server's own request, beneath wrappers such as the ForwardedHeaderFilter's.
	private static ServletRequest unwrap(ServletRequest request) {
		ServletRequest current = request;
		while (current instanceof ServletRequestWrapper wrapper) {
			current = wrapper.getRequest();
		}
		return current;
	}

}
