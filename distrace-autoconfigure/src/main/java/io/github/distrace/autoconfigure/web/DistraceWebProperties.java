package io.github.distrace.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import io.github.distrace.autoconfigure.sdk.internal.TraceResponse.Policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
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
	 * Which traced responses carry a W3C 'traceresponse' header with the trace id, the
	 * server span id and its sampled flag: 'always', 'unless-continued' (not when the
	 * request continued the caller's trace with the caller's sampled flag, which tells
	 * the caller nothing it does not know) or 'never'.
	 */
	private TraceResponse traceResponse = TraceResponse.ALWAYS;

	/**
	 * Whether responses may carry a 'traceresponse' header; false is 'trace-response' set
	 * to 'never'.
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

	public TraceResponse getTraceResponse() {
		return this.traceResponse;
	}

	public void setTraceResponse(TraceResponse traceResponse) {
		this.traceResponse = traceResponse;
	}

	@DeprecatedConfigurationProperty(replacement = "distrace.web.trace-response", since = "0.1.0")
	@Deprecated(since = "0.1.0")
	public boolean isTraceResponseHeader() {
		return this.traceResponseHeader;
	}

	@Deprecated(since = "0.1.0")
	public void setTraceResponseHeader(boolean traceResponseHeader) {
		this.traceResponseHeader = traceResponseHeader;
	}

	/**
	 * Return which responses carry a {@code traceresponse} header, with both properties
	 * applied.
	 * @return the policy for the server span filters
	 */
	public Policy traceResponsePolicy() {
		return this.traceResponseHeader ? Policy.valueOf(this.traceResponse.name()) : Policy.NEVER;
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
	 * Which traced responses carry a {@code traceresponse} header.
	 */
	public enum TraceResponse {

		/**
		 * Every traced response.
		 */
		ALWAYS,

		/**
		 * Not a response to a request that continued the caller's trace with the caller's
		 * sampled flag.
		 */
		UNLESS_CONTINUED,

		/**
		 * No response.
		 */
		NEVER

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
