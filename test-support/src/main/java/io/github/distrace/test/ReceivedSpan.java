package io.github.distrace.test;

import java.util.Map;

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
 * @param links the span's links, each as {@code traceId-spanId}
 */
public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
		String statusCode, Map<String, String> attributes, Map<String, String> resource,
		java.util.List<String> events, java.util.List<String> links) {

	/**
	 * A span without links.
	 * @param traceId trace id
	 * @param spanId span id
	 * @param parentSpanId parent span id, empty for a root span
	 * @param name span name
	 * @param kind span kind
	 * @param statusCode status code
	 * @param attributes span attributes
	 * @param resource resource attributes
	 * @param events names of the span's events
	 */
	public ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
			String statusCode, Map<String, String> attributes, Map<String, String> resource,
			java.util.List<String> events) {
		this(traceId, spanId, parentSpanId, name, kind, statusCode, attributes, resource, events,
				java.util.List.of());
	}

	public String attribute(String key) {
		return this.attributes.get(key);
	}

	public String serviceName() {
		return this.resource.get("service.name");
	}

}
