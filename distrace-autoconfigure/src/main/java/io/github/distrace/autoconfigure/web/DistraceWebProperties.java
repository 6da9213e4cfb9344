package io.github.distrace.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of server spans for servlet and WebFlux requests and client spans for
 * outgoing HTTP calls. Validates itself when it is bound, so that a wrong value stops
 * start-up with the property named.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.web")
public class DistraceWebProperties implements Validator {

	/**
	 * Whether servlet and WebFlux requests get a server span.
	 */
	private boolean enabled = true;

	/**
	 * Ant-style path patterns, relative to the context path, of requests that get no
	 * span.
	 */
	private List<String> exclude = new ArrayList<>(List.of("/actuator/**"));

	/**
	 * Whether responses carry a W3C 'traceresponse' header with the trace id and the
	 * server span id, so that callers can find the trace.
	 */
	private boolean traceResponseHeader = true;

	/**
	 * Whether responses carry a 'Server-Timing' header with the request's time in the
	 * database and in all, which browser developer tools show. It tells clients how long
	 * the server took, so it is off unless asked for.
	 */
	private boolean serverTiming;

	private final Client client = new Client();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getExclude() {
		return this.exclude;
	}

	public void setExclude(List<String> exclude) {
		this.exclude = exclude;
	}

	public boolean isServerTiming() {
		return this.serverTiming;
	}

	public void setServerTiming(boolean serverTiming) {
		this.serverTiming = serverTiming;
	}

	public boolean isTraceResponseHeader() {
		return this.traceResponseHeader;
	}

	public void setTraceResponseHeader(boolean traceResponseHeader) {
		this.traceResponseHeader = traceResponseHeader;
	}

	public Client getClient() {
		return this.client;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DistraceWebProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DistraceWebProperties properties = (DistraceWebProperties) target;
		for (int i = 0; i < properties.exclude.size(); i++) {
			String pattern = properties.exclude.get(i);
			if (pattern == null || !pattern.startsWith("/")) {
				errors.rejectValue("exclude[" + i + "]", "invalid.pattern",
						"must be a path pattern starting with '/', such as /actuator/** or /internal/*");
			}
		}
	}

	/**
	 * Outgoing HTTP call settings.
	 */
	public static class Client {

		/**
		 * Whether outgoing calls made with RestClient, RestTemplate and WebClient get a
		 * client span and carry the trace context in their headers.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
