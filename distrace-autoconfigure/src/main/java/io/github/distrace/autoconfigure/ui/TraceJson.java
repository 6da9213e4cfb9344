package io.github.distrace.autoconfigure.ui;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import io.opentelemetry.api.common.Attributes;

/**
 * The JSON documents of the viewer's API. Times are microseconds since the epoch, which
 * JavaScript numbers hold exactly.
 *
 * @author distrace
 */
final class TraceJson {

	private TraceJson() {
	}

	static String list(List<Trace> matching, List<Trace> stored, int maxTraces) {
		JsonWriter json = new JsonWriter().beginObject();
		json.name("traces").beginArray();
		for (Trace trace : matching) {
			json.beginObject()
				.name("traceId")
				.value(trace.traceId())
				.name("rootName")
				.value(trace.root().name())
				.name("rootService")
				.value(trace.root().service())
				.name("complete")
				.value(trace.isComplete());
			services(json, trace.services());
			json.name("startMicros")
				.value(micros(trace.startEpochNanos()))
				.name("durationMicros")
				.value(micros(trace.durationNanos()))
				.name("spanCount")
				.value(trace.spans().size() + trace.droppedSpans())
				.name("error")
				.value(trace.hasError())
				.name("queryCount")
				.value(trace.queryCount())
				.name("dbDurationMicros")
				.value(micros(trace.queryNanos()))
				.name("nPlusOne")
				.value(trace.hasNPlusOne())
				.name("exported")
				.value(trace.isExported())
				.endObject();
		}
		json.endArray();
		TreeSet<String> services = new TreeSet<>();
		stored.forEach((trace) -> services.addAll(trace.services()));
		services(json, services);
		json.name("storedTraces").value(stored.size()).name("maxTraces").value(maxTraces);
		return json.endObject().toString();
	}

	static String trace(Trace trace) {
		JsonWriter json = new JsonWriter().beginObject()
			.name("traceId")
			.value(trace.traceId())
			.name("droppedSpans")
			.value(trace.droppedSpans())
			.name("exported")
			.value(trace.isExported())
			.name("spans")
			.beginArray();
		for (StoredSpan span : trace.spans()) {
			json.beginObject()
				.name("spanId")
				.value(span.spanId())
				.name("parentSpanId")
				.value(span.parentSpanId())
				.name("name")
				.value(span.name())
				.name("kind")
				.value(span.kind().name())
				.name("service")
				.value(span.service())
				.name("scope")
				.value(span.scope())
				.name("startMicros")
				.value(micros(span.startEpochNanos()))
				.name("endMicros")
				.value(micros(span.endEpochNanos()))
				.name("durationMicros")
				.value(micros(span.durationNanos()))
				.name("status")
				.value(span.status().name())
				.name("statusMessage")
				.value(span.statusMessage());
			attributes(json.name("attributes"), span.attributes());
			json.name("events").beginArray();
			for (StoredEvent event : span.events()) {
				json.beginObject()
					.name("name")
					.value(event.name())
					.name("timeMicros")
					.value(micros(event.epochNanos()));
				attributes(json.name("attributes"), event.attributes());
				json.endObject();
			}
			json.endArray();
			attributes(json.name("resource"), span.resource());
			json.endObject();
		}
		return json.endArray().endObject().toString();
	}

	static String error(String message) {
		return new JsonWriter().beginObject().name("error").value(message).endObject().toString();
	}

	private static void services(JsonWriter json, Collection<String> services) {
		json.name("services").beginArray();
		services.forEach(json::value);
		json.endArray();
	}

	private static void attributes(JsonWriter json, Attributes attributes) {
		json.beginObject();
		attributes.forEach((key, value) -> json.name(key.getKey()).attributeValue(value));
		json.endObject();
	}

	private static long micros(long nanos) {
		return nanos / 1000;
	}

}
