package io.github.distrace.autoconfigure.ui.otlp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import io.github.distrace.autoconfigure.ui.SensitiveAttributes;
import io.github.distrace.autoconfigure.ui.StoredEvent;
import io.github.distrace.autoconfigure.ui.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an OTLP {@code ExportTraceServiceRequest} (opentelemetry-proto's
 * {@code collector/trace/v1}) into stored spans. Applies the span limits, so that spans
 * from another service are bounded like this application's own, and redacts sensitive
 * headers. Unknown fields are skipped, as protobuf requires.
 *
 * @author distrace
 */
final class OtlpTraceDecoder {

	private static final int MAX_VALUE_DEPTH = 4;

	private static final int MAX_KEY_LENGTH = 256;

	private static final SpanKind[] KINDS = { SpanKind.INTERNAL, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT,
			SpanKind.PRODUCER, SpanKind.CONSUMER };

	private static final HexFormat HEX = HexFormat.of();

	private final SpanLimits limits;

	OtlpTraceDecoder(SpanLimits limits) {
		this.limits = limits;
	}

	/**
	 * Decode a request.
	 * @param request the protobuf bytes
	 * @return the valid spans it holds
	 * @throws ProtoReader.MalformedProtobufException if the bytes are not valid protobuf
	 */
	List<StoredSpan> decode(byte[] request) {
		List<StoredSpan> spans = new ArrayList<>();
		ProtoReader reader = new ProtoReader(request);
		while (reader.next()) {
			if (reader.field() == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				resourceSpans(reader.readMessage(), spans);
			}
			else {
				reader.skip();
			}
		}
		return spans;
	}

	private void resourceSpans(ProtoReader reader, List<StoredSpan> spans) {
		Attributes resource = Attributes.empty();
		List<ProtoReader> scopeSpans = new ArrayList<>();
		while (reader.next()) {
			if (reader.field() == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				resource = attributesOf(reader.readMessage(), 1, this.limits.getMaxNumberOfAttributes());
			}
			else if (reader.field() == 2 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				scopeSpans.add(reader.readMessage());
			}
			else {
				reader.skip();
			}
		}
		for (ProtoReader scope : scopeSpans) {
			scopeSpans(scope, resource, spans);
		}
	}

	private void scopeSpans(ProtoReader reader, Attributes resource, List<StoredSpan> spans) {
		String scope = "";
		List<ProtoReader> spanMessages = new ArrayList<>();
		while (reader.next()) {
			if (reader.field() == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				scope = scopeName(reader.readMessage());
			}
			else if (reader.field() == 2 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				spanMessages.add(reader.readMessage());
			}
			else {
				reader.skip();
			}
		}
		for (ProtoReader span : spanMessages) {
			StoredSpan decoded = span(span, resource, scope);
			if (decoded != null) {
				spans.add(decoded);
			}
		}
	}

	private static String scopeName(ProtoReader reader) {
		String name = "";
		while (reader.next()) {
			if (reader.field() == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				name = reader.readString();
			}
			else {
				reader.skip();
			}
		}
		return (name.length() > MAX_KEY_LENGTH) ? name.substring(0, MAX_KEY_LENGTH) : name;
	}

	private @Nullable StoredSpan span(ProtoReader reader, Attributes resource, String scope) {
		byte[] traceId = new byte[0];
		byte[] spanId = new byte[0];
		byte[] parentSpanId = new byte[0];
		String name = "";
		SpanKind kind = SpanKind.INTERNAL;
		long start = 0;
		long end = 0;
		AttributesBuilder attributes = Attributes.builder();
		int attributeCount = 0;
		List<StoredEvent> events = new ArrayList<>();
		StatusCode status = StatusCode.UNSET;
		String statusMessage = "";
		while (reader.next()) {
			int field = reader.field();
			if (field == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				traceId = reader.readBytes();
			}
			else if (field == 2 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				spanId = reader.readBytes();
			}
			else if (field == 4 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				parentSpanId = reader.readBytes();
			}
			else if (field == 5 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				name = truncate(reader.readString());
			}
			else if (field == 6 && reader.is(ProtoReader.VARINT)) {
				long value = reader.readVarint();
				kind = (value >= 0 && value < KINDS.length) ? KINDS[(int) value] : SpanKind.INTERNAL;
			}
			else if (field == 7 && reader.is(ProtoReader.FIXED64)) {
				start = reader.readFixed64();
			}
			else if (field == 8 && reader.is(ProtoReader.FIXED64)) {
				end = reader.readFixed64();
			}
			else if (field == 9 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				ProtoReader keyValue = reader.readMessage();
				if (attributeCount < this.limits.getMaxNumberOfAttributes()) {
					attributeCount += keyValue(keyValue, attributes);
				}
			}
			else if (field == 11 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				ProtoReader event = reader.readMessage();
				if (events.size() < this.limits.getMaxNumberOfEvents()) {
					events.add(event(event));
				}
			}
			else if (field == 15 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				ProtoReader statusReader = reader.readMessage();
				while (statusReader.next()) {
					if (statusReader.field() == 2 && statusReader.is(ProtoReader.LENGTH_DELIMITED)) {
						statusMessage = truncate(statusReader.readString());
					}
					else if (statusReader.field() == 3 && statusReader.is(ProtoReader.VARINT)) {
						long code = statusReader.readVarint();
						status = (code == 1) ? StatusCode.OK : (code == 2) ? StatusCode.ERROR : StatusCode.UNSET;
					}
					else {
						statusReader.skip();
					}
				}
			}
			else {
				reader.skip();
			}
		}
		if (traceId.length != 16 || spanId.length != 8 || (parentSpanId.length != 0 && parentSpanId.length != 8)
				|| isZero(traceId) || isZero(spanId)) {
			return null;
		}
		String parent = (parentSpanId.length == 0 || isZero(parentSpanId)) ? "" : HEX.formatHex(parentSpanId);
		return new StoredSpan(HEX.formatHex(traceId), HEX.formatHex(spanId), parent, name, kind, start,
				Math.max(start, end), status, statusMessage, SensitiveAttributes.redact(attributes.build()), events,
				resource, scope, true);
	}

	private StoredEvent event(ProtoReader reader) {
		long time = 0;
		String name = "";
		AttributesBuilder attributes = Attributes.builder();
		int attributeCount = 0;
		while (reader.next()) {
			if (reader.field() == 1 && reader.is(ProtoReader.FIXED64)) {
				time = reader.readFixed64();
			}
			else if (reader.field() == 2 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				name = truncate(reader.readString());
			}
			else if (reader.field() == 3 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				ProtoReader keyValue = reader.readMessage();
				if (attributeCount < this.limits.getMaxNumberOfAttributesPerEvent()) {
					attributeCount += keyValue(keyValue, attributes);
				}
			}
			else {
				reader.skip();
			}
		}
		return new StoredEvent(name, time, SensitiveAttributes.redact(attributes.build()));
	}

	// Reads the repeated KeyValue field of a Resource or an InstrumentationScope.
	private Attributes attributesOf(ProtoReader reader, int field, int max) {
		AttributesBuilder attributes = Attributes.builder();
		int count = 0;
		while (reader.next()) {
			if (reader.field() == field && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				ProtoReader keyValue = reader.readMessage();
				if (count < max) {
					count += keyValue(keyValue, attributes);
				}
			}
			else {
				reader.skip();
			}
		}
		return SensitiveAttributes.redact(attributes.build());
	}

	private int keyValue(ProtoReader reader, AttributesBuilder attributes) {
		KeyValue keyValue = readKeyValue(reader, 0);
		if (keyValue.key().isEmpty() || keyValue.value() == null) {
			return 0;
		}
		put(attributes, keyValue.key(), keyValue.value());
		return 1;
	}

	private KeyValue readKeyValue(ProtoReader reader, int depth) {
		String key = "";
		Object value = null;
		while (reader.next()) {
			if (reader.field() == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				key = reader.readString();
				if (key.length() > MAX_KEY_LENGTH) {
					key = key.substring(0, MAX_KEY_LENGTH);
				}
			}
			else if (reader.field() == 2 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				value = anyValue(reader.readMessage(), depth);
			}
			else {
				reader.skip();
			}
		}
		return new KeyValue(key, value);
	}

	private static void put(AttributesBuilder attributes, String key, Object value) {
		if (value instanceof String string) {
			attributes.put(key, string);
		}
		else if (value instanceof Boolean bool) {
			attributes.put(key, bool);
		}
		else if (value instanceof Long number) {
			attributes.put(key, number);
		}
		else if (value instanceof Double number) {
			attributes.put(key, number);
		}
		else if (value instanceof List<?> list) {
			putArray(attributes, key, list);
		}
	}

	private static void putArray(AttributesBuilder attributes, String key, List<?> list) {
		if (!list.isEmpty() && list.stream().allMatch(Long.class::isInstance)) {
			attributes.put(AttributeKey.longArrayKey(key), list.stream().map(Long.class::cast).toList());
		}
		else if (!list.isEmpty() && list.stream().allMatch(Double.class::isInstance)) {
			attributes.put(AttributeKey.doubleArrayKey(key), list.stream().map(Double.class::cast).toList());
		}
		else if (!list.isEmpty() && list.stream().allMatch(Boolean.class::isInstance)) {
			attributes.put(AttributeKey.booleanArrayKey(key), list.stream().map(Boolean.class::cast).toList());
		}
		else {
			attributes.put(AttributeKey.stringArrayKey(key), list.stream().map(String::valueOf).toList());
		}
	}

	// Returns a String, Boolean, Long, Double or a List of them; maps and bytes become
	// text.
	private @Nullable Object anyValue(ProtoReader reader, int depth) {
		Object value = null;
		while (reader.next()) {
			int field = reader.field();
			if (field == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				value = truncate(reader.readString());
			}
			else if (field == 2 && reader.is(ProtoReader.VARINT)) {
				value = reader.readVarint() != 0;
			}
			else if (field == 3 && reader.is(ProtoReader.VARINT)) {
				value = reader.readVarint();
			}
			else if (field == 4 && reader.is(ProtoReader.FIXED64)) {
				value = reader.readDouble();
			}
			else if ((field == 5 || field == 6) && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				ProtoReader nested = reader.readMessage();
				value = (depth < MAX_VALUE_DEPTH) ? nested(nested, field == 6, depth + 1) : "…";
			}
			else if (field == 7 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				value = truncate(Base64.getEncoder().encodeToString(reader.readBytes()));
			}
			else {
				reader.skip();
			}
		}
		return value;
	}

	// An ArrayValue is a list; a KeyValueList is shown as text, as attribute values
	// cannot nest.
	private Object nested(ProtoReader reader, boolean keyValueList, int depth) {
		List<Object> values = new ArrayList<>();
		StringBuilder text = new StringBuilder("{");
		while (reader.next()) {
			if (reader.field() == 1 && reader.is(ProtoReader.LENGTH_DELIMITED)) {
				ProtoReader element = reader.readMessage();
				if (keyValueList) {
					appendKeyValue(element, text, depth);
				}
				else {
					Object value = anyValue(element, depth);
					values.add((value instanceof List<?>) ? String.valueOf(value) : (value != null) ? value : "");
				}
			}
			else {
				reader.skip();
			}
		}
		return keyValueList ? truncate(text.append('}').toString()) : values;
	}

	private void appendKeyValue(ProtoReader reader, StringBuilder text, int depth) {
		KeyValue keyValue = readKeyValue(reader, depth);
		if (text.length() > 1) {
			text.append(", ");
		}
		text.append(keyValue.key()).append('=').append(keyValue.value());
	}

	private String truncate(String value) {
		int max = this.limits.getMaxAttributeValueLength();
		return (value.length() > max) ? value.substring(0, max) : value;
	}

	private static boolean isZero(byte[] id) {
		for (byte b : id) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	private record KeyValue(String key, @Nullable Object value) {

	}

}
