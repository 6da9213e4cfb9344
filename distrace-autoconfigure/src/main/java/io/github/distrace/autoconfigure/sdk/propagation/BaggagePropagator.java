package io.github.distrace.autoconfigure.sdk.propagation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * W3C Baggage with the specification's limits on what is read, whatever the SDK: at most
 * 64 members, the first ones kept whole, and at most 8,192 bytes of {@code baggage}
 * headers, a header that would pass them dropped whole. OpenTelemetry enforces the same
 * limits itself only in versions after 1.55, the one Spring Boot 4.0 manages, which takes
 * any number of members.
 *
 * @author distrace
 */
final class BaggagePropagator extends ReadingPropagator {

	static final int MAX_MEMBERS = 64;

	static final int MAX_BYTES = 8192;

	BaggagePropagator() {
		super(W3CBaggagePropagator.getInstance());
	}

	@Override
	<C> TextMapGetter<C> reading(TextMapGetter<C> getter) {
		return new WithinLimits<>(getter);
	}

	@Override
	public String toString() {
		return "BaggagePropagator{W3C limits}";
	}

	/**
	 * Return the headers that fit within the limits.
	 * @param headers the headers as they arrived
	 * @return the leading headers within 8,192 bytes, the last one cut after the 64th
	 * member
	 */
	static List<String> withinLimits(Iterator<String> headers) {
		// Most requests carry no baggage: nothing to allocate then.
		if (!headers.hasNext()) {
			return List.of();
		}
		List<String> kept = new ArrayList<>();
		int bytes = 0;
		int members = 0;
		while (headers.hasNext() && members < MAX_MEMBERS) {
			String header = headers.next();
			bytes += header.length() + ((kept.isEmpty()) ? 0 : 1);
			if (bytes > MAX_BYTES) {
				break;
			}
			int cut = cutAfterMembers(header, MAX_MEMBERS - members);
			kept.add((cut < header.length()) ? header.substring(0, cut) : header);
			members += countMembers(header, cut);
		}
		return kept;
	}

	// Members are separated by commas, which never occur inside one (values are
	// percent-encoded); blank ones are not members.
	private static int cutAfterMembers(String header, int allowed) {
		int members = 0;
		int start = 0;
		while (true) {
			int comma = header.indexOf(',', start);
			int end = (comma < 0) ? header.length() : comma;
			if (!isBlank(header, start, end) && ++members == allowed) {
				return end;
			}
			if (comma < 0) {
				return header.length();
			}
			start = comma + 1;
		}
	}

	private static int countMembers(String header, int cut) {
		int members = 0;
		int start = 0;
		while (start <= cut) {
			int comma = header.indexOf(',', start);
			int end = (comma < 0 || comma > cut) ? cut : comma;
			if (!isBlank(header, start, end)) {
				members++;
			}
			start = end + 1;
		}
		return members;
	}

	private static boolean isBlank(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private record WithinLimits<C>(TextMapGetter<C> getter) implements TextMapGetter<C> {

		@Override
		public Iterable<String> keys(C carrier) {
			return this.getter.keys(carrier);
		}

		@Override
		public @Nullable String get(@Nullable C carrier, String key) {
			List<String> headers = withinLimits(this.getter.getAll(carrier, key));
			return headers.isEmpty() ? null : String.join(",", headers);
		}

		@Override
		public Iterator<String> getAll(@Nullable C carrier, String key) {
			return withinLimits(this.getter.getAll(carrier, key)).iterator();
		}

	}

}
