package io.github.distrace.autoconfigure.ui;

import io.opentelemetry.api.common.Attributes;

/**
 * An event of a stored span, such as a recorded exception.
 *
 * @param name the event name
 * @param epochNanos when it happened
 * @param attributes its attributes
 */
record StoredEvent(String name, long epochNanos, Attributes attributes) {

}
