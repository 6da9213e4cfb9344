package io.github.distrace.autoconfigure.sdk;

import io.github.distrace.autoconfigure.sdk.sampling.KeepReason;
import io.github.distrace.autoconfigure.sdk.sampling.TailSamplingStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes {@link SpanExportStatistics} and {@link TailSamplingStatistics} as Micrometer
 * counters, so that dropped and failed spans show up wherever the application's metrics
 * go (the actuator's {@code metrics} endpoint, Prometheus, ...):
 * {@code distrace.spans.dropped} (tagged with the reason),
 * {@code distrace.spans.exported}, {@code distrace.spans.failed}, and
 * {@code distrace.traces.kept} (tagged with the keep rule).
 * <p>
 * Internal: not for use outside distrace; public because it is a bean of the application
 * context.
 *
 * @author distrace
 */
public final class SpanExportMeterBinder implements MeterBinder {

	private final SpanExportStatistics statistics;

	private final TailSamplingStatistics tailStatistics;

	SpanExportMeterBinder(SpanExportStatistics statistics, TailSamplingStatistics tailStatistics) {
		this.statistics = statistics;
		this.tailStatistics = tailStatistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (DropReason reason : DropReason.values()) {
			FunctionCounter
				.builder("distrace.spans.dropped", this,
						(binder) -> reason.count(binder.statistics, binder.tailStatistics))
				.description("Finished spans dropped before export")
				.tag("reason", reason.value())
				.register(registry);
		}
		for (KeepReason reason : KeepReason.values()) {
			FunctionCounter
				.builder("distrace.traces.kept", this.tailStatistics, (statistics) -> statistics.keptTraces(reason))
				.description("Traces the head sampler did not sample, exported because a keep rule held")
				.tag("reason", reason.value())
				.register(registry);
		}
		FunctionCounter.builder("distrace.spans.exported", this.statistics, SpanExportStatistics::exportedSpans)
			.description("Spans that exporters accepted")
			.register(registry);
		FunctionCounter.builder("distrace.spans.failed", this.statistics, SpanExportStatistics::failedSpans)
			.description("Spans whose export failed")
			.register(registry);
	}

}
