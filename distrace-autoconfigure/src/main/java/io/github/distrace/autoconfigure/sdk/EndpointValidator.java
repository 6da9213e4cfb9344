package io.github.distrace.autoconfigure.sdk;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * Checks an exporter endpoint when the properties are bound, so that a typo is reported
 * at start-up instead of as an export failure minutes later.
 *
 * @author distrace
 */
final class EndpointValidator {

	private EndpointValidator() {
	}

	/**
	 * Return why the endpoint cannot be used, or {@code null} when it can.
	 * @param endpoint the configured endpoint
	 * @return the reason, or {@code null}
	 */
	static @Nullable String problemWith(String endpoint) {
		URI uri;
		try {
			uri = new URI(endpoint.strip());
		}
		catch (URISyntaxException ex) {
			return "must be an http or https URL, such as http://localhost:4318 (" + ex.getReason() + ")";
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
			return "must be an http or https URL, such as http://localhost:4318";
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			return "must name a host, such as http://localhost:4318";
		}
		if (uri.getQuery() != null || uri.getFragment() != null) {
			return "must not have a query or fragment";
		}
		return null;
	}

}
