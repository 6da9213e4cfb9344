package io.github.distrace.autoconfigure.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether an address, or the host a request is addressed to, is the loopback
 * interface, without ever resolving a name: only IP literals and {@code localhost} are
 * recognised.
 *
 * @author distrace
 */
final class LoopbackAddresses {

	private LoopbackAddresses() {
	}

	/**
	 * Return whether the address is an IP literal of the loopback interface.
	 * @param remoteAddress a request's remote address
	 * @return {@code true} for {@code 127.0.0.0/8} and {@code ::1}
	 */
	static boolean isLoopback(@Nullable String remoteAddress) {
		if (remoteAddress == null || remoteAddress.isEmpty() || !isIpLiteral(remoteAddress)) {
			return false;
		}
		try {
			// An IP literal is parsed, never looked up; an IPv4-mapped IPv6 address is
			// returned as the IPv4 address.
			return InetAddress.getByName(remoteAddress).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Return whether a {@code Host} header, or a server name, names the loopback
	 * interface: {@code localhost}, an IPv4 address in {@code 127.0.0.0/8} or the IPv6
	 * address {@code [::1]}, with or without a port.
	 * <p>
	 * A name below {@code localhost} (such as {@code orders.localhost}) is not accepted:
	 * RFC 6761 reserves them for loopback, but not every resolver honours it, and one
	 * that asks the network's DNS server lets that server answer with any address, then
	 * rebind. {@code localhost} itself is answered from the hosts file everywhere.
	 * @param host the host, such as {@code localhost:8080} or {@code [::1]}
	 * @return whether it is a loopback name or address
	 */
	static boolean isLoopbackHost(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = withoutPort(host);
		if (name == null) {
			return false;
		}
		if (name.startsWith("[")) {
			return name.indexOf(':') >= 0 && isLoopback(name);
		}
		// A browser sends an IPv4 address as four decimal numbers, never as 0x7f000001.
		return name.equalsIgnoreCase("localhost") || isLoopback(name);
	}

	// The host without its port, brackets kept; null when the port or brackets are
	// malformed.
	private static @Nullable String withoutPort(String host) {
		int end = host.startsWith("[") ? host.indexOf(']') + 1 : host.indexOf(':');
		if (end == 0) {
			return null;
		}
		if (end < 0 || end == host.length()) {
			return host;
		}
		if (host.charAt(end) != ':' || !isPort(host.substring(end + 1))) {
			return null;
		}
		return host.substring(0, end);
	}

	private static boolean isPort(String port) {
		return !port.isEmpty() && port.length() <= 5 && port.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	private static boolean isIpLiteral(String address) {
		String candidate = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		int zone = candidate.indexOf('%');
		if (zone >= 0) {
			candidate = candidate.substring(0, zone);
		}
		if (candidate.isEmpty()) {
			return false;
		}
		boolean colon = candidate.indexOf(':') >= 0;
		for (int i = 0; i < candidate.length(); i++) {
			char c = candidate.charAt(i);
			boolean allowed = (c >= '0' && c <= '9') || c == '.'
					|| (colon && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
			if (!allowed) {
				return false;
			}
		}
		return colon || candidate.chars().filter((c) -> c == '.').count() == 3;
	}

}
