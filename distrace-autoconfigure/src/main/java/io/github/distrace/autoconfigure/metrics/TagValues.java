package io.github.distrace.autoconfigure.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The values one tag may take, at most {@code max} of them: the first seen are kept, and
 * any value beyond is {@value #OTHER}. A missing value is {@value #NONE}, Spring's name
 * for it, since a registry such as Prometheus wants the same tags on every meter of a
 * name.
 *
 * @author distrace
 */
final class TagValues {

	static final String OTHER = "other";

	static final String NONE = "none";

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	private final int max;

	TagValues(int max) {
		this.max = max;
	}

	String of(@Nullable String value) {
		if (value == null) {
			return NONE;
		}
		if (this.seen.contains(value)) {
			return value;
		}
		// Racing threads may pass the bound by a few values: a bound, not an exact count.
		if (this.seen.size() >= this.max) {
			return OTHER;
		}
		this.seen.add(value);
		return value;
	}

}
