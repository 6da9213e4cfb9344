package io.github.distrace.autoconfigure.ui.otlp;

import java.util.Arrays;
import java.util.List;

import com.google.protobuf.ByteString;
import io.github.distrace.autoconfigure.ui.SensitiveAttributes;
import io.github.distrace.autoconfigure.ui.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.trace.SpanLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hand-written OTLP decoder against requests built with opentelemetry-proto's own
 * generated classes.
 */
class OtlpTraceDecoderTests {

	private static final byte[] TRACE_ID = bytes(16, 1);

	private final OtlpTraceDecoder decoder = new OtlpTraceDecoder(SpanLimits.builder()
		.setMaxAttributeValueLength(10)
		.setMaxNumberOfAttributes(6)
		.setMaxNumberOfEvents(1)
		.build());

	@Test
	void decodesEveryFieldTheViewerShows() {
		Span span = span(2, 0).setKind(Span.SpanKind.SPAN_KIND_CLIENT)
			.setName("SELECT orders")
			.setStartTimeUnixNano(1_000_000_000L)
			.setEndTimeUnixNano(1_020_000_000L)
			.addAttributes(attribute("db.query.text", AnyValue.newBuilder().setStringValue("SELECT * FROM orders")))
			.addAttributes(attribute("db.rows", AnyValue.newBuilder().setIntValue(-3)))
			.addAttributes(attribute("cached", AnyValue.newBuilder().setBoolValue(true)))
			.addAttributes(attribute("ratio", AnyValue.newBuilder().setDoubleValue(0.5)))
			.addAttributes(attribute("ports",
					AnyValue.newBuilder()
						.setArrayValue(ArrayValue.newBuilder()
							.addValues(AnyValue.newBuilder().setIntValue(80))
							.addValues(AnyValue.newBuilder().setIntValue(443)))))
			.addAttributes(attribute("map",
					AnyValue.newBuilder()
						.setKvlistValue(KeyValueList.newBuilder()
							.addValues(attribute("a", AnyValue.newBuilder().setIntValue(1))))))
			.addAttributes(attribute("over.the.limit", AnyValue.newBuilder().setStringValue("x")))
			.addEvents(Span.Event.newBuilder()
				.setName("exception")
				.setTimeUnixNano(1_010_000_000L)
				.addAttributes(attribute("exception.type", AnyValue.newBuilder().setStringValue("E"))))
			.addEvents(Span.Event.newBuilder().setName("over the limit"))
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
			.build();
		StoredSpan decoded = decodeOne(span);
		assertThat(decoded.traceId()).isEqualTo("01010101010101010101010101010101");
		assertThat(decoded.spanId()).isEqualTo("0202020202020202");
		assertThat(decoded.parentSpanId()).isEmpty();
		assertThat(decoded.name()).isEqualTo("SELECT ord");
		assertThat(decoded.kind()).isEqualTo(SpanKind.CLIENT);
		assertThat(decoded.endEpochNanos() - decoded.startEpochNanos()).isEqualTo(20_000_000L);
		assertThat(decoded.status()).isEqualTo(StatusCode.ERROR);
		assertThat(decoded.statusMessage()).isEqualTo("boom");
		assertThat(decoded.attributes().get(AttributeKey.stringKey("db.query.text"))).isEqualTo("SELECT * F");
		assertThat(decoded.attributes().get(AttributeKey.longKey("db.rows"))).isEqualTo(-3L);
		assertThat(decoded.attributes().get(AttributeKey.booleanKey("cached"))).isTrue();
		assertThat(decoded.attributes().get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.5);
		assertThat(decoded.attributes().get(AttributeKey.longArrayKey("ports"))).containsExactly(80L, 443L);
		assertThat(decoded.attributes().get(AttributeKey.stringKey("map"))).isEqualTo("{a=1}");
		assertThat(decoded.attributes().size()).isEqualTo(6);
		assertThat(decoded.events()).singleElement().satisfies((event) -> {
			assertThat(event.name()).isEqualTo("exception");
			assertThat(event.epochNanos()).isEqualTo(1_010_000_000L);
			assertThat(event.attributes().get(AttributeKey.stringKey("exception.type"))).isEqualTo("E");
		});
		assertThat(decoded.resource().get(AttributeKey.stringKey("service.name"))).isEqualTo("payments");
		assertThat(decoded.scope()).isEqualTo("io.opentelemetry.jdbc");
	}

	@Test
	void keepsParentsAndRedactsCredentials() {
		StoredSpan decoded = decodeOne(
				span(3, 2)
					.addAttributes(attribute("http.request.header.cookie",
							AnyValue.newBuilder()
								.setArrayValue(ArrayValue.newBuilder()
									.addValues(AnyValue.newBuilder().setStringValue("SESSION=1")))))
					.build());
		assertThat(decoded.parentSpanId()).isEqualTo("0202020202020202");
		assertThat(decoded.attributes().get(AttributeKey.stringKey("http.request.header.cookie")))
			.isEqualTo(SensitiveAttributes.REDACTED);
	}

	@Test
	void skipsSpansWithInvalidIdsAndUnknownFields() {
		Span noTraceId = span(4, 0).setTraceId(ByteString.EMPTY).build();
		Span shortSpanId = span(0, 0).setSpanId(ByteString.copyFrom(new byte[3])).build();
		Span valid = span(5, 0).setTraceState("vendor=1").setFlags(1).build();
		ExportTraceServiceRequest request = request(noTraceId, shortSpanId, valid);
		byte[] bytes = request.toByteArray();
		// An unknown field (number 99, varint) after the known ones must be skipped.
		byte[] withUnknown = Arrays.copyOf(bytes, bytes.length + 3);
		withUnknown[bytes.length] = (byte) 0x98;
		withUnknown[bytes.length + 1] = 0x06;
		withUnknown[bytes.length + 2] = 0x01;
		assertThat(this.decoder.decode(withUnknown)).extracting(StoredSpan::spanId).containsExactly("0505050505050505");
		assertThat(this.decoder.decode(new byte[0])).isEmpty();
	}

	@Test
	void rejectsMalformedInput() {
		byte[] valid = request(span(2, 0).setName("GET /").build()).toByteArray();
		assertThatExceptionOfType(ProtoReader.MalformedProtobufException.class)
			.isThrownBy(() -> this.decoder.decode(Arrays.copyOf(valid, valid.length - 3)));
		assertThatExceptionOfType(ProtoReader.MalformedProtobufException.class)
			.isThrownBy(() -> this.decoder.decode(new byte[] { 10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F }));
		assertThatExceptionOfType(ProtoReader.MalformedProtobufException.class)
			.isThrownBy(() -> this.decoder.decode(new byte[] { 0, 1 }));
		byte[] endlessVarint = new byte[12];
		Arrays.fill(endlessVarint, (byte) 0x80);
		endlessVarint[0] = 8;
		assertThatExceptionOfType(ProtoReader.MalformedProtobufException.class)
			.isThrownBy(() -> this.decoder.decode(endlessVarint));
	}

	private StoredSpan decodeOne(Span span) {
		List<StoredSpan> spans = this.decoder.decode(request(span).toByteArray());
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private static ExportTraceServiceRequest request(Span... spans) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder()
					.addAttributes(attribute("service.name", AnyValue.newBuilder().setStringValue("payments"))))
				.addScopeSpans(ScopeSpans.newBuilder()
					.setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.jdbc"))
					.addAllSpans(List.of(spans))))
			.build();
	}

	private static Span.Builder span(int spanId, int parentId) {
		Span.Builder span = Span.newBuilder()
			.setTraceId(ByteString.copyFrom(TRACE_ID))
			.setSpanId(ByteString.copyFrom(bytes(8, spanId)))
			.setName("span");
		if (parentId != 0) {
			span.setParentSpanId(ByteString.copyFrom(bytes(8, parentId)));
		}
		return span;
	}

	private static KeyValue attribute(String key, AnyValue.Builder value) {
		return KeyValue.newBuilder().setKey(key).setValue(value).build();
	}

	private static byte[] bytes(int length, int value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

}
