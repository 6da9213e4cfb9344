package io.github.distrace.autoconfigure.ui;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a request's remote address is the loopback address, without ever
 * resolving a name: only IP literals are parsed.
 * <p>
 * Internal: public for the viewer's OTLP receiver ({@code ui.otlp}), not for use outside
 * distrace.
 *
 * @author distrace
 */
public final class LoopbackAddresses {

	private LoopbackAddresses() {
	}

	/**
	 * Return whether the address is an IP literal of the loopback interface.
	 * @param remoteAddress a request's remote address
	 * @return {@code true} for {@code 127.0.0.0/8} and {@code ::1}
	 */
	public static boolean isLoopback(@Nullable String remoteAddress) {
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

	private static boolean isIpLiteral(String address) {
		String candidate = address.startsWith("[") && address.endsWith("]")
				? address.substring(1, address.length() - 1) : address;
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
