package io.github.distrace.autoconfigure.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.LongString;
import org.jspecify.annotations.Nullable;

/**
 * Trace headers of RabbitMQ messages, read from the header table Spring AMQP converted:
 * text arrives as a {@code String} (or, when long, as the client's {@link LongString}); a
 * value of any other type is not a trace header.
 *
 * @author distrace
 */
final class RabbitHeaders extends MessageHeaderGetter<Map<String, @Nullable Object>> {

	RabbitHeaders(MalformedHeaderWarning warning) {
		super(warning);
	}

	@Override
	public Iterable<String> keys(Map<String, @Nullable Object> headers) {
		return headers.keySet();
	}

	@Override
	List<@Nullable String> values(Map<String, @Nullable Object> headers, String key) {
		if (!headers.containsKey(key)) {
			return List.of();
		}
		return Collections.singletonList(text(headers.get(key)));
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof LongString text && text.length() <= MAX_VALUE_LENGTH) {
			return text.toString();
		}
		if (value instanceof byte[] bytes && bytes.length <= MAX_VALUE_LENGTH) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return null;
	}

}
