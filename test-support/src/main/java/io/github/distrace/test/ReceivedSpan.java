package io.github.distrace.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A span as an OTLP receiver decoded it from the protobuf an exporter sent.
 *
 * @param traceId trace id, lower-case hex
 * @param spanId span id, lower-case hex
 * @param parentSpanId parent span id, lower-case hex, empty for a root span
 * @param name span name
 * @param kind span kind, such as {@code SERVER}
 * @param statusCode status code, such as {@code ERROR}
 * @param attributes span attributes, values as strings
 * @param resource resource attributes, values as strings
 * @param events names of the span's events
 * @param statusMessage the status description, empty when there is none
 * @param eventAttributes the attributes of each event, values as strings, in the order of
 * {@code events}
 * @param links the span's links, each as {@code traceId-spanId}
 */
public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
		String statusCode, Map<String, String> attributes, Map<String, String> resource, List<String> events,
		String statusMessage, List<Map<String, String>> eventAttributes, List<String> links) {

	public String attribute(String key) {
		return this.attributes.get(key);
	}

	public String serviceName() {
		return this.resource.get("service.name");
	}

	/**
	 * Return the attributes of the first event with the given name.
	 * @param eventName the event name, such as {@code exception}
	 * @return its attributes, or {@code null} when the span has no such event
	 */
	public @Nullable Map<String, String> eventAttributes(String eventName) {
		int index = this.events.indexOf(eventName);
		return (index >= 0) ? this.eventAttributes.get(index) : null;
	}

}
