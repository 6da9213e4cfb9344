package io.github.distrace.autoconfigure.sdk.sampling;

import java.util.List;
import java.util.function.BiConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.ExceptionEventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Estimates the heap an ended span holds, from what varies between spans: its attributes'
 * keys and values, its events and its links. Cheap (the lengths are read, nothing is
 * copied) and of the right order: strings are counted at one byte a character, as the JVM
 * stores text that is Latin-1, and the constants are what spans of several shapes were
 * measured to retain on a 64-bit JVM with compressed pointers (see
 * {@code TailSamplingMemoryTests}).
 *
 * @author distrace
 */
final class SpanSizes {

	// The span itself: the SDK's span, its context and ids, and its entries in the tail
	// decision's buffer and maps.
	static final long SPAN = 300;

	// An attribute's slot in its map, its key, and the boxed value or the String around
	// its text.
	private static final long ATTRIBUTE = 96;

	private static final long EVENT = 64;

	// The SDK sizes a span's list of links for the most it may take (128 by default).
	private static final long LINK_LIST = 512;

	// A link's own span context and ids.
	private static final long LINK = 200;

	// An exception's stack trace, kept with its event beside its text in an attribute.
	private static final long EXCEPTION = 8192;

	private SpanSizes() {
	}

	/**
	 * Estimate the heap an ended span holds.
	 * @param span the span's data
	 * @return the size in bytes
	 */
	static long estimate(SpanData span) {
		long size = SPAN + attributes(span.getAttributes());
		List<EventData> events = span.getEvents();
		for (int i = 0; i < events.size(); i++) {
			EventData event = events.get(i);
			size += EVENT + event.getName().length() + attributes(event.getAttributes());
			if (event instanceof ExceptionEventData) {
				size += EXCEPTION;
			}
		}
		List<LinkData> links = span.getLinks();
		if (!links.isEmpty()) {
			size += LINK_LIST;
		}
		for (int i = 0; i < links.size(); i++) {
			size += LINK + attributes(links.get(i).getAttributes());
		}
		return size;
	}

	private static long attributes(Attributes attributes) {
		if (attributes.isEmpty()) {
			return 0;
		}
		Sum sum = new Sum();
		attributes.forEach(sum);
		return sum.bytes;
	}

	// A String first, a class and quick to check; then the key's type rather than the
	// value's: asking of every number whether it is a List scans its class's interfaces
	// on Java 17, about 30 ns each.
	private static long value(AttributeKey<?> key, Object value) {
		if (value instanceof String text) {
			return text.length();
		}
		return switch (key.getType()) {
			case STRING_ARRAY, BOOLEAN_ARRAY, LONG_ARRAY, DOUBLE_ARRAY ->
				(value instanceof List<?> list) ? list(list) : 0;
			default -> 0; // a boolean, long or double: its box is in ATTRIBUTE
		};
	}

	private static long list(List<?> list) {
		long size = 16 + 4L * list.size();
		for (int i = 0; i < list.size(); i++) {
			size += ATTRIBUTE / 2 + ((list.get(i) instanceof String text) ? text.length() : 0);
		}
		return size;
	}

	/**
	 * Adds up the attributes of one map.
	 */
	private static final class Sum implements BiConsumer<AttributeKey<?>, Object> {

		private long bytes;

		@Override
		public void accept(AttributeKey<?> key, Object value) {
			this.bytes += ATTRIBUTE + key.getKey().length() + value(key, value);
		}

	}

}
