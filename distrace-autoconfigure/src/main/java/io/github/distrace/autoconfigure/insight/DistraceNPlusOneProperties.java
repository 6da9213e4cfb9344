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
	 * Whether to find N+1s: an event on the span, a flag on the request's local root
	 * span, a WARN log line and an application event. Per-request query totals are
	 * recorded either way.
	 */
	private boolean enabled = true;

	/**
	 * Executions of one statement (the same whole db.query.text) below one span that make
	 * an N+1.
	 */
	private int threshold = 5;

	/**
	 * Total time of those executions below which an N+1 is not reported.
	 */
	private Duration minDuration = Duration.ZERO;

	/**
	 * Most distinct statements followed at once below one local root span (a request, a
	 * message, a scheduled run). Statements beyond still count in its query totals but
	 * are not checked for N+1s.
	 */
	private int maxStatements = 1000;

	/**
	 * Most N+1s reported for one local root span, as span events, log lines and
	 * application events. Further N+1s are only counted, in
	 * distrace.db.n_plus_one_unreported on the local root span.
	 */
	private int maxReported = 100;

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

	public int getMaxStatements() {
		return this.maxStatements;
	}

	public void setMaxStatements(int maxStatements) {
		this.maxStatements = maxStatements;
	}

	public int getMaxReported() {
		return this.maxReported;
	}

	public void setMaxReported(int maxReported) {
		this.maxReported = maxReported;
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
		if (properties.maxStatements < 1) {
			errors.rejectValue("max-statements", "out.of.range", "must be 1 or more");
		}
		if (properties.maxReported < 1) {
			errors.rejectValue("max-reported", "out.of.range",
					"must be 1 or more; distrace.jdbc.n-plus-one.enabled=false turns detection off");
		}
	}

}
