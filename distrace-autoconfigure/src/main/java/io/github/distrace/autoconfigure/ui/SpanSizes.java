package io.github.distrace.autoconfigure.ui;

import java.util.List;

import io.opentelemetry.api.common.Attributes;

/**
 * Estimates the heap a stored span holds, once, when it is stored: a few additions per
 * attribute, no walk of the object graph. The estimate errs high, so that the store stays
 * below {@code distrace.ui.max-memory}: a character counts 2 bytes (a string holds 1 for
 * Latin-1 text), and every object counts the header and references of a 64-bit JVM.
 *
 * @author distrace
 */
final class SpanSizes {

	// The record, its three ids, the attribute and event holders, and its slot in the
	// store.
	private static final long SPAN = 448;

	// The store's entry for a trace: the map entry, the list of spans and their counts.
	static final long TRACE = 160;

	// A String and its array, without the characters.
	private static final long STRING = 48;

	// An attribute key object and the two references to it and to its value.
	private static final long ATTRIBUTE = 40;

	// A boxed long, double or boolean.
	private static final long BOXED = 16;

	// A list object and its array, without the elements.
	private static final long LIST = 32;

	// An event object and its attribute holder.
	private static final long EVENT = 64;

	private SpanSizes() {
	}

	/**
	 * Estimate a span's size.
	 * @param span the span
	 * @param ownResource whether to count the span's resource: spans received over OTLP
	 * bring theirs, which stays in memory as long as they do, while this application's
	 * spans all share one
	 * @return the estimated bytes
	 */
	static long of(StoredSpan span, boolean ownResource) {
		long bytes = SPAN + string(span.name()) + string(span.statusMessage()) + string(span.scope())
				+ of(span.attributes());
		for (StoredEvent event : span.events()) {
			bytes += EVENT + string(event.name()) + of(event.attributes());
		}
		return ownResource ? bytes + of(span.resource()) : bytes;
	}

	private static long of(Attributes attributes) {
		long[] bytes = { 0 };
		attributes.forEach((key, value) -> bytes[0] += ATTRIBUTE + string(key.getKey()) + value(value));
		return bytes[0];
	}

	private static long value(Object value) {
		if (value instanceof String text) {
			return string(text);
		}
		if (value instanceof List<?> values) {
			long bytes = LIST + 4L * values.size();
			for (Object element : values) {
				bytes += value(element);
			}
			return bytes;
		}
		return BOXED;
	}

	private static long string(String text) {
		return STRING + 2L * text.length();
	}

}
