package io.github.distrace.autoconfigure.ui.otlp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Recognises a write that a page of another origin makes from a browser: browsers send
 * {@code Origin} with every POST, and other clients (OTLP exporters) send none. The
 * receiver's own origin is the request's scheme, server name and port, as Spring's
 * {@code WebUtils.isSameOrigin} takes it, so that forwarded headers count when
 * {@code server.forward-headers-strategy} is set.
 *
 * @author distrace
 */
final class CrossOriginWrites {

	private CrossOriginWrites() {
	}

	static boolean isCrossOrigin(HttpServletRequest request) {
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return false;
		}
		URI uri;
		try {
			uri = new URI(origin);
		}
		catch (URISyntaxException ex) {
			return true;
		}
		// "null", sent by sandboxed frames and file: pages, has neither scheme nor host.
		if (uri.getScheme() == null || uri.getHost() == null) {
			return true;
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		return !scheme.equals(request.getScheme().toLowerCase(Locale.ROOT))
				|| !withoutBrackets(uri.getHost()).equalsIgnoreCase(withoutBrackets(request.getServerName()))
				|| port(uri.getPort(), scheme) != port(request.getServerPort(), scheme);
	}

	private static String withoutBrackets(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	private static int port(int port, String scheme) {
		if (port > 0) {
			return port;
		}
		return scheme.equals("https") ? 443 : 80;
	}

}
