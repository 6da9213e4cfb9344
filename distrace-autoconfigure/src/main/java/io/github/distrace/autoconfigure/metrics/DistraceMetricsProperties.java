package io.github.distrace.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of distrace's database metrics. Validates itself when it is bound, so
 * that a wrong value stops start-up with the property named.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.metrics")
public class DistraceMetricsProperties implements Validator {

	/**
	 * Whether to record database metrics (db.client.operation.duration, distrace.db.*) in
	 * the application's Micrometer registry.
	 */
	private boolean enabled = true;

	/**
	 * Most distinct values of the db.query.summary tag, and of the endpoint tag, that the
	 * metrics record; further values are recorded as 'other', so that an application that
	 * builds statements from input cannot grow the registry without bound.
	 */
	private int maxTagValues = 500;

	/**
	 * Whether db.client.operation.duration publishes the bucket counts that
	 * OpenTelemetry's conventions advise (1ms to 10s), for percentiles across instances.
	 * Without them a query costs about half as much to record; count, total and maximum
	 * stay.
	 */
	private boolean histogram = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxTagValues() {
		return this.maxTagValues;
	}

	public void setMaxTagValues(int maxTagValues) {
		this.maxTagValues = maxTagValues;
	}

	public boolean isHistogram() {
		return this.histogram;
	}

	public void setHistogram(boolean histogram) {
		this.histogram = histogram;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DistraceMetricsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DistraceMetricsProperties properties = (DistraceMetricsProperties) target;
		if (properties.maxTagValues < 1) {
			errors.rejectValue("max-tag-values", "out.of.range", "must be 1 or more");
		}
	}

}
