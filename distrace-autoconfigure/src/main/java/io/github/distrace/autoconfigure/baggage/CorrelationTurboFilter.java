package io.github.distrace.autoconfigure.baggage;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current trace id, span id and the listed baggage keys into the MDC just before
 * Logback creates a log event. Reading the OpenTelemetry context at that moment keeps the
 * MDC right on every thread the context reaches, with no hook into context switching,
 * which OpenTelemetry only allows before its first use in the JVM.
 *
 * @author distrace
 */
final class CorrelationTurboFilter extends TurboFilter {

	static final String TRACE_ID = "traceId";

	static final String SPAN_ID = "spanId";

	private final List<String> baggageKeys;

	CorrelationTurboFilter(List<String> baggageKeys) {
		this.baggageKeys = List.copyOf(baggageKeys);
		setName("distrace-correlation");
	}

	@Override
	public FilterReply decide(@Nullable Marker marker, Logger logger, Level level, @Nullable String format,
			@Nullable Object @Nullable [] params, @Nullable Throwable t) {
		if (level != null && level.isGreaterOrEqual(logger.getEffectiveLevel())) {
			updateMdc(Context.current());
		}
		return FilterReply.NEUTRAL;
	}

	private void updateMdc(Context context) {
		SpanContext span = Span.fromContext(context).getSpanContext();
		put(TRACE_ID, span.isValid() ? span.getTraceId() : null);
		put(SPAN_ID, span.isValid() ? span.getSpanId() : null);
		if (!this.baggageKeys.isEmpty()) {
			Baggage baggage = RequestBaggage.effective(context);
			for (String key : this.baggageKeys) {
				put(key, escapeControls(baggage.getEntryValue(key)));
			}
		}
	}

	/**
	 * Baggage comes from the caller: a CR or LF in a value would let it write a line of
	 * its own into a log whose pattern prints the MDC.
	 */
	static @Nullable String escapeControls(@Nullable String value) {
		if (value == null || value.chars().noneMatch(CorrelationTurboFilter::isControl)) {
			return value;
		}
		StringBuilder escaped = new StringBuilder(value.length() + 16);
		value.chars()
			.forEach((c) -> escaped.append(isControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return escaped.toString();
	}

	private static boolean isControl(int c) {
		return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
	}

	private static void put(String key, @Nullable String value) {
		if (value == null) {
			MDC.remove(key);
		}
		else if (!value.equals(MDC.get(key))) {
			MDC.put(key, value);
		}
	}

}
