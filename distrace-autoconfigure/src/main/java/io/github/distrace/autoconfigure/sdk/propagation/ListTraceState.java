package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A trace state whose keys follow W3C Trace Context Level 2 ({@link TraceStateHeader}).
 * OpenTelemetry's own {@link TraceState#builder() builder} silently leaves out keys that
 * Level 2 allows ({@code foo@}, a tenant longer than 240 characters), so a list read by
 * the Level 2 rules is kept in this type, and the SDK carries it to every child span and
 * outgoing call as it carries its own.
 *
 * @author distrace
 */
final class ListTraceState implements TraceState {

	// Keys and values alternating, as OpenTelemetry's ArrayBasedTraceState keeps them.
	private final List<String> entries;

	ListTraceState(List<String> entries) {
		this.entries = List.copyOf(entries);
	}

	static int indexOf(List<String> entries, String key) {
		for (int i = 0; i < entries.size(); i += 2) {
			if (entries.get(i).equals(key)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public @Nullable String get(String key) {
		int index = indexOf(this.entries, key);
		return (index >= 0) ? this.entries.get(index + 1) : null;
	}

	@Override
	public int size() {
		return this.entries.size() / 2;
	}

	@Override
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public void forEach(BiConsumer<String, String> consumer) {
		for (int i = 0; i < this.entries.size(); i += 2) {
			consumer.accept(this.entries.get(i), this.entries.get(i + 1));
		}
	}

	@Override
	public Map<String, String> asMap() {
		Map<String, String> map = new LinkedHashMap<>();
		forEach(map::put);
		return Collections.unmodifiableMap(map);
	}

	@Override
	public TraceStateBuilder toBuilder() {
		return new Builder(this.entries);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ListTraceState state) && this.entries.equals(state.entries);
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	@Override
	public String toString() {
		return "ListTraceState" + asMap();
	}

	/**
	 * Adds and removes members by the Level 2 rules; like OpenTelemetry's builder, it
	 * puts a new member first and ignores what is invalid or past 32 members.
	 */
	private static final class Builder implements TraceStateBuilder {

		private final List<String> entries;

		Builder(List<String> entries) {
			this.entries = new ArrayList<>(entries);
		}

		@Override
		public TraceStateBuilder put(String key, String value) {
			if (key == null || value == null || !TraceStateHeader.isKey(key) || !TraceStateHeader.isValue(value)) {
				return this;
			}
			remove(key);
			if (this.entries.size() / 2 < TraceStateHeader.MAX_MEMBERS) {
				this.entries.add(0, value);
				this.entries.add(0, key);
			}
			return this;
		}

		@Override
		public TraceStateBuilder remove(String key) {
			int index = indexOf(this.entries, key);
			if (index >= 0) {
				this.entries.subList(index, index + 2).clear();
			}
			return this;
		}

		@Override
		public TraceState build() {
			return this.entries.isEmpty() ? TraceState.getDefault() : new ListTraceState(this.entries);
		}

	}

}
