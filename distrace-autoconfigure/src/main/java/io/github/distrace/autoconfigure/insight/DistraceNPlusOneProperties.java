package io.github.distrace.autoconfigure.insight;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of N+1 detection: one statement run again and again below one span, such
 * as lazy loading in a loop. Validates itself when it is bound, so that a wrong value
 * stops start-up with the property named.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.jdbc.n-plus-one")
public class DistraceNPlusOneProperties implements Validator {

	/**
	 * Whether to find N+1s: an event on the span, a flag on the request's local root span,
	 * a WARN log line and an application event. Per-request query totals are recorded
	 * either way.
	 */
	private boolean enabled = true;

	/**
	 * Executions of one statement (by its db.query.text) below one span that make an N+1.
	 */
	private int threshold = 5;

	/**
	 * Total time of those executions below which an N+1 is not reported.
	 */
	private Duration minDuration = Duration.ZERO;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getThreshold() {
		return this.threshold;
	}

	public void setThreshold(int threshold) {
		this.threshold = threshold;
	}

	public Duration getMinDuration() {
		return this.minDuration;
	}

	public void setMinDuration(Duration minDuration) {
		this.minDuration = minDuration;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DistraceNPlusOneProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DistraceNPlusOneProperties properties = (DistraceNPlusOneProperties) target;
		if (properties.threshold < 2) {
			errors.rejectValue("threshold", "out.of.range",
					"must be 2 or more: a statement that runs once below a span is no N+1");
		}
		if (properties.minDuration.isNegative()) {
			errors.rejectValue("min-duration", "negative", "must be zero or a positive duration, such as 5ms");
		}
	}

}
