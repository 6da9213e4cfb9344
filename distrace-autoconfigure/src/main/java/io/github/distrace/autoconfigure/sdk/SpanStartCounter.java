package io.github.distrace.autoconfigure.sdk;

import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Counts the spans started that record (sampled, or held for a keep rule's tail
 * decision), for the {@code distrace} actuator endpoint. The SDK of OpenTelemetry 1.55
 * has no metric of its own for them.
 *
 * @author distrace
 */
final class SpanStartCounter implements SpanProcessor {

	private final LongAdder started = new LongAdder();

	long started() {
		return this.started.sum();
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		this.started.increment();
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

}
