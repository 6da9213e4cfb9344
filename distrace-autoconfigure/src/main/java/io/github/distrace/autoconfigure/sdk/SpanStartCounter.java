package io.github.distrace.autoconfigure.sdk;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the spans started that record (sampled, or held for a keep rule's tail
 * decision), for the {@code distrace} actuator endpoint. The SDK of OpenTelemetry 1.55
 * has no metric of its own for them. {@link DistraceSpanProcessor} counts them as it
 * hands each span on.
 *
 * @author distrace
 */
final class SpanStartCounter {

	private final LongAdder started = new LongAdder();

	long started() {
		return this.started.sum();
	}

	void spanStarted() {
		this.started.increment();
	}

}
