package io.github.distrace.autoconfigure.baggage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.github.distrace.BaggageService;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.context.Context;

import org.springframework.util.Assert;

/**
 * {@link BaggageService} over OpenTelemetry's {@link Baggage} in the current
 * {@link Context}, so that propagators, span processors and other threads see what is
 * set. Changes are kept by the request (see {@link RequestBaggage}); outside a request
 * baggage can be read but not changed.
 *
 * @author distrace
 */
final class OpenTelemetryBaggageService implements BaggageService {

	@Override
	public void setValue(String key, String value) {
		Assert.notNull(value, "Baggage value must not be null");
		BaggageRules.checkKey(key);
		update((baggage) -> baggage.toBuilder().put(key, value).build());
	}

	@Override
	public void setMap(Map<String, ?> values) {
		values.forEach((key, value) -> {
			BaggageRules.checkKey(key);
			Assert.notNull(value, () -> "Baggage value of '" + key + "' must not be null");
		});
		update((baggage) -> {
			BaggageBuilder builder = baggage.toBuilder();
			values.forEach((key, value) -> builder.put(key, String.valueOf(value)));
			return builder.build();
		});
	}

	@Override
	public Map<String, String> getMap() {
		Map<String, String> values = new LinkedHashMap<>();
		current().forEach((key, entry) -> values.put(key, entry.getValue()));
		return Collections.unmodifiableMap(values);
	}

	@Override
	public Optional<String> getValue(String key) {
		return Optional.ofNullable(current().getEntryValue(key));
	}

	@Override
	public void remove(String key) {
		update((baggage) -> (baggage.getEntryValue(key) != null) ? baggage.toBuilder().remove(key).build() : baggage);
	}

	private static Baggage current() {
		return RequestBaggage.effective(Context.current());
	}

	private static void update(UnaryOperator<Baggage> change) {
		UnaryOperator<Baggage> checked = (baggage) -> {
			Baggage changed = change.apply(baggage);
			BaggageRules.checkLimits(changed);
			return changed;
		};
		if (!RequestBaggage.update(Context.current(), checked)) {
			// A context made current here would need a scope closed by the caller, and
			// one left open breaks every enclosing scope on the thread.
			throw new IllegalStateException("Baggage can only be changed inside a request (or work that a request "
					+ "hands to an executor); elsewhere make OpenTelemetry Baggage current in a try-with-resources "
					+ "block");
		}
	}

}
