package io.github.distrace.autoconfigure.baggage;

import java.util.ArrayList;
import java.util.List;

import io.github.distrace.autoconfigure.sdk.internal.HttpHeaderText;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of baggage: which keys are copied to spans and to the logging MDC.
 *
 * @author distrace
 */
@ConfigurationProperties("distrace.baggage")
public class DistraceBaggageProperties implements Validator {

	/**
	 * Baggage keys copied onto every span started while they are set, as attributes of
	 * the same name.
	 */
	private List<String> spanAttributes = new ArrayList<>();

	/**
	 * Baggage keys put into the logging MDC under their own names while they are set.
	 */
	private List<String> mdc = new ArrayList<>();

	public List<String> getSpanAttributes() {
		return this.spanAttributes;
	}

	public void setSpanAttributes(List<String> spanAttributes) {
		this.spanAttributes = spanAttributes;
	}

	public List<String> getMdc() {
		return this.mdc;
	}

	public void setMdc(List<String> mdc) {
		this.mdc = mdc;
	}

	@Override
	public boolean supports(Class<?> type) {
		return DistraceBaggageProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		DistraceBaggageProperties properties = (DistraceBaggageProperties) target;
		rejectInvalidKeys(errors, "span-attributes", properties.spanAttributes);
		rejectInvalidKeys(errors, "mdc", properties.mdc);
	}

	private static void rejectInvalidKeys(Errors errors, String field, List<String> keys) {
		keys.stream()
			.filter((key) -> !HttpHeaderText.isToken(key))
			.findFirst()
			.ifPresent((key) -> errors.rejectValue(field, "invalid.key",
					"'" + key + "' is not a valid baggage key: use letters, digits and !#$%&'*+-.^_`|~"));
	}

}
