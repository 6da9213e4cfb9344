package io.github.distrace.autoconfigure.sdk;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes {@link SpanExportStatistics} as Micrometer counters, so that dropped and
 * failed spans show up wherever the application's metrics go (the actuator's
 * {@code metrics} endpoint, Prometheus, ...): {@code distrace.spans.dropped},
 * {@code distrace.spans.exported} and {@code distrace.spans.failed}.
 *
 * @author distrace
 */
public final class SpanExportMeterBinder implements MeterBinder {

	private final SpanExportStatistics statistics;

	SpanExportMeterBinder(SpanExportStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("distrace.spans.dropped", this.statistics, SpanExportStatistics::droppedSpans)
			.description("Finished spans dropped because the export queue was full")
			.register(registry);
		FunctionCounter.builder("distrace.spans.exported", this.statistics, SpanExportStatistics::exportedSpans)
			.description("Spans that exporters accepted")
			.register(registry);
		FunctionCounter.builder("distrace.spans.failed", this.statistics, SpanExportStatistics::failedSpans)
			.description("Spans whose export failed")
			.register(registry);
	}

}
