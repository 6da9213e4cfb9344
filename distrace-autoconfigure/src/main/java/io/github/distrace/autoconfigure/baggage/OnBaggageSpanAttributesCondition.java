package io.github.distrace.autoconfigure.baggage;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code distrace.baggage.span-attributes} lists at least one key, in any of
 * the forms a list property can take, so that no span processor runs for nothing.
 *
 * @author distrace
 */
class OnBaggageSpanAttributesCondition extends SpringBootCondition {

	private static final String PROPERTY = "distrace.baggage.span-attributes";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<String> keys = Binder.get(context.getEnvironment())
			.bind(PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of());
		return keys.isEmpty() ? ConditionOutcome.noMatch(PROPERTY + " is empty")
				: ConditionOutcome.match(PROPERTY + " lists " + keys);
	}

}
