package io.github.distrace.autoconfigure.baggage;

import java.util.Map;
import java.util.Optional;

import io.github.distrace.BaggageService;

/**
 * {@link BaggageService} when distrace is disabled: checks its arguments as the real one
 * does, so that code behaves alike in both, and keeps nothing.
 *
 * @author distrace
 */
final class NoopBaggageService implements BaggageService {

	@Override
	public void setValue(String key, String value) {
		BaggageRules.checkKey(key);
	}

	@Override
	public void setMap(Map<String, ?> values) {
		values.keySet().forEach(BaggageRules::checkKey);
	}

	@Override
	public Map<String, String> getMap() {
		return Map.of();
	}

	@Override
	public Optional<String> getValue(String key) {
		return Optional.empty();
	}

	@Override
	public void remove(String key) {
	}

}
