package io.github.distrace.autoconfigure.ui;

import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The rule of {@link ViewerAccess}, free of any server API so that the servlet and the
 * WebFlux route apply it alike: unless {@code distrace.ui.allow-remote} is set, serve
 * only a request from the loopback interface that is addressed to it.
 *
 * @author distrace
 */
final class LoopbackRule {

	private final boolean allowRemote;

	LoopbackRule(boolean allowRemote) {
		this.allowRemote = allowRemote;
	}

	/**
	 * Return why a request is refused.
	 * @param fromLoopback whether the request's connection and client are loopback, as
	 * each server tells it
	 * @param host the {@code Host} header, or {@code null} when absent
	 * @param serverName the host the server takes the request to be addressed to
	 * @return the reason, for a 403 answer, or {@code null} to serve the request
	 */
	@Nullable String refusal(BooleanSupplier fromLoopback, @Nullable String host, @Nullable String serverName) {
		if (this.allowRemote) {
			return null;
		}
		if (!fromLoopback.getAsBoolean()) {
			return "The distrace trace viewer serves only requests from the loopback address; "
					+ "set distrace.ui.allow-remote=true to serve others.";
		}
		if (!isAddressedToLoopback(host, serverName)) {
			return "The distrace trace viewer serves only requests addressed to localhost, 127.0.0.1 or [::1]; "
					+ "open it at http://localhost, or set distrace.ui.allow-remote=true to serve others.";
		}
		return null;
	}

	private static boolean isAddressedToLoopback(@Nullable String host, @Nullable String serverName) {
		return (host == null || LoopbackAddresses.isLoopbackHost(host))
				&& (LoopbackAddresses.isLoopbackHost(serverName) || LoopbackAddresses.isLoopback(serverName));
	}

}
