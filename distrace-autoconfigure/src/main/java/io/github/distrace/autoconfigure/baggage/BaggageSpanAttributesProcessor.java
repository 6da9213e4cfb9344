package io.github.distrace.autoconfigure.baggage;

import java.util.List;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Copies the listed baggage keys onto every span started while they are set, as
 * attributes of the same name.
 *
 * @author distrace
 */
final class BaggageSpanAttributesProcessor implements SpanProcessor {

	private final List<String> keys;

	BaggageSpanAttributesProcessor(List<String> keys) {
		this.keys = List.copyOf(keys);
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		Baggage baggage = RequestBaggage.effective(parentContext);
		for (String key : this.keys) {
			String value = baggage.getEntryValue(key);
			if (value != null) {
				span.setAttribute(key, value);
			}
		}
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
