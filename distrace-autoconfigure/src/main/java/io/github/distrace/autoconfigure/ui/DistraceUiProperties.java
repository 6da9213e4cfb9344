package io.github.distrace.autoconfigure.ui;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the embedded trace viewer. Validates itself when it is bound, so that
 * a wrong value stops start-up with the property named.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.ui")
public class DistraceUiProperties implements Validator {

	/**
	 * Whether the application serves the trace viewer. It shows SQL and request data, so
	 * it is meant for development.
	 */
	private boolean enabled;

	/**
	 * Path at which the viewer is served, such as '/distrace'.
	 */
	private String path = "/distrace";

	/**
	 * Maximum number of traces kept in memory; the oldest is dropped first.
	 */
	private int maxTraces = 1000;

	/**
	 * Maximum number of spans kept for one trace; later spans of that trace are counted
	 * and dropped.
	 */
	private int maxSpansPerTrace = 500;

	/**
	 * Maximum memory the kept spans may take, estimated generously from their names and
	 * attributes as they are stored; the oldest traces are dropped first to stay below
	 * it.
	 */
	private DataSize maxMemory = DataSize.ofMegabytes(64);

	/**
	 * Whether requests from other addresses than the loopback address are served.
	 */
	private boolean allowRemote;

	/**
	 * Maximum size of one OTLP request received at '{path}/v1/traces', before and after
	 * decompression; larger requests are refused with status 413.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(4);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public int getMaxTraces() {
		return this.maxTraces;
	}

	public void setMaxTraces(int maxTraces) {
		this.maxTraces = maxTraces;
	}

	public int getMaxSpansPerTrace() {
		return this.maxSpansPerTrace;
	}

	public void setMaxSpansPerTrace(int maxSpansPerTrace) {
		this.maxSpansPerTrace = maxSpansPerTrace;
	}

	public DataSize getMaxMemory() {
		return this.maxMemory;
	}

	public void setMaxMemory(DataSize maxMemory) {
		this.maxMemory = maxMemory;
	}

	public boolean isAllowRemote() {
		return this.allowRemote;
	}

	public void setAllowRemote(boolean allowRemote) {
		this.allowRemote = allowRemote;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DistraceUiProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DistraceUiProperties properties = (DistraceUiProperties) target;
		String path = properties.path;
		if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || !path.matches("[A-Za-z0-9/._~-]+")
				|| path.contains("//")) {
			errors.rejectValue("path", "invalid.path",
					"must start with '/', not end with '/', and hold only letters, digits, '/', '.', '_', '~' "
							+ "and '-', such as /distrace");
		}
		rejectNonPositive(errors, "max-traces", properties.maxTraces);
		rejectNonPositive(errors, "max-spans-per-trace", properties.maxSpansPerTrace);
		if (properties.maxMemory.toBytes() <= 0) {
			errors.rejectValue("max-memory", "non.positive", "must be a positive size, such as 64MB");
		}
		long maxRequestBytes = properties.maxRequestSize.toBytes();
		if (maxRequestBytes <= 0 || maxRequestBytes > Integer.MAX_VALUE - 8) {
			errors.rejectValue("max-request-size", "out.of.range", "must be a positive size below 2GB, such as 4MB");
		}
	}

	private static void rejectNonPositive(Errors errors, String field, int value) {
		if (value <= 0) {
			errors.rejectValue(field, "non.positive", "must be a positive whole number");
		}
	}

}
