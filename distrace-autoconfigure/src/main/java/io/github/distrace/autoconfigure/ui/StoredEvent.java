package io.github.distrace.autoconfigure.ui;

import io.opentelemetry.api.common.Attributes;

/**
 * An event of a stored span, such as a recorded exception.
 * <p>
 * Internal: not for use outside distrace; public for the viewer's OTLP receiver
 * ({@code ui.otlp}).
 *
 * @param name the event name
 * @param epochNanos when it happened
 * @param attributes its attributes
 */
public record StoredEvent(String name, long epochNanos, Attributes attributes) {

}
