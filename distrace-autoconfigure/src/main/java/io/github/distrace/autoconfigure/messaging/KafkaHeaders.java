package io.github.distrace.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Trace headers of Kafka records: UTF-8 text, as OpenTelemetry's own Kafka
 * instrumentation writes them, so that consumers in other languages read them alike.
 *
 * @author distrace
 */
final class KafkaHeaders extends MessageHeaderGetter<Headers> {

	/**
	 * Replaces a header, so that a record sent again, or one that Spring's own
	 * observation already gave a {@code traceparent}, carries one value per header.
	 */
	static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
		if (headers != null) {
			// lastHeader looks without an iterator: most records have none to remove.
			if (headers.lastHeader(key) != null) {
				headers.remove(key);
			}
			headers.add(key, value.getBytes(StandardCharsets.UTF_8));
		}
	};

	KafkaHeaders(MalformedHeaderWarning warning) {
		super(warning);
	}

	@Override
	public Iterable<String> keys(Headers headers) {
		List<String> keys = new ArrayList<>();
		headers.forEach((header) -> keys.add(header.key()));
		return keys;
	}

	@Override
	List<@Nullable String> values(Headers headers, String key) {
		// Most propagation fields (tracestate, baggage) are absent; finding that out this
		// way makes no iterator.
		if (headers.lastHeader(key) == null) {
			return List.of();
		}
		// A record carries one header of each name, as a rule: an array of its headers is
		// smaller than an iterator over those of one name, and one value needs no list
		// that can grow.
		@Nullable String first = null;
		boolean found = false;
		List<@Nullable String> values = null;
		for (Header header : headers.toArray()) {
			if (!key.equals(header.key())) {
				continue;
			}
			String value = text(header.value());
			if (!found) {
				first = value;
				found = true;
			}
			else {
				if (values == null) {
					values = new ArrayList<>(2);
					values.add(first);
				}
				values.add(value);
			}
		}
		if (values != null) {
			return values;
		}
		return found ? Collections.singletonList(first) : List.of();
	}

	private static @Nullable String text(byte @Nullable [] value) {
		return (value != null && value.length <= MAX_VALUE_LENGTH) ? utf8(value) : null;
	}

	private static @Nullable String utf8(byte[] value) {
		String text = new String(value, StandardCharsets.UTF_8);
		// Bytes that are not UTF-8 decode to U+FFFD, which no propagation header may
		// hold.
		return (text.indexOf('\uFFFD') < 0) ? text : null;
	}

}
