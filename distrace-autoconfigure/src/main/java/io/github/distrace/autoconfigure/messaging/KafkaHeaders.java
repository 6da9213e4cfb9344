package io.github.distrace.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
		List<@Nullable String> values = null;
		for (Header header : headers.headers(key)) {
			if (values == null) {
				values = new ArrayList<>(1);
			}
			byte[] value = header.value();
			values.add((value != null && value.length <= MAX_VALUE_LENGTH) ? utf8(value) : null);
		}
		return (values != null) ? values : List.of();
	}

	private static @Nullable String utf8(byte[] value) {
		String text = new String(value, StandardCharsets.UTF_8);
		// Bytes that are not UTF-8 decode to U+FFFD, which no propagation header may
		// hold.
		return (text.indexOf('\uFFFD') < 0) ? text : null;
	}

}
