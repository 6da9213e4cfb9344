package io.github.distrace.autoconfigure.sdk;

import java.util.Collection;
import java.util.Objects;
import java.util.function.Predicate;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Counts what happened to finished spans on their way out: exported, failed, or dropped
 * because the export queue was full. The counts come from the OpenTelemetry SDK's own
 * self-monitoring metrics ({@link InternalTelemetryVersion#LATEST}), read on demand from
 * a private meter provider, so nothing is added to the request path.
 *
 * @author distrace
 */
public final class SpanExportStatistics implements AutoCloseable {

	static final String PROCESSED_SPANS = "otel.sdk.processor.span.processed";

	static final String EXPORTED_SPANS = "otel.sdk.exporter.span.exported";

	private static final String QUEUE_FULL = "queue_full";

	private final OnDemandReader reader = new OnDemandReader();

	private final SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(this.reader).build();

	MeterProvider meterProvider() {
		return this.meterProvider;
	}

	/**
	 * Return how many finished spans were dropped because the export queue was full.
	 * @return the number of dropped spans since start-up
	 */
	public long droppedSpans() {
		return sum(PROCESSED_SPANS, QUEUE_FULL::equals);
	}

	/**
	 * Return how many spans exporters have accepted.
	 * @return the number of exported spans since start-up
	 */
	public long exportedSpans() {
		return sum(EXPORTED_SPANS, Objects::isNull);
	}

	/**
	 * Return how many spans exporters failed to send.
	 * @return the number of spans whose export failed since start-up
	 */
	public long failedSpans() {
		return sum(EXPORTED_SPANS, Objects::nonNull);
	}

	private long sum(String name, Predicate<@Nullable String> errorType) {
		long total = 0;
		for (MetricData metric : this.reader.collect()) {
			if (metric.getName().equals(name) && metric.getType() == MetricDataType.LONG_SUM) {
				for (LongPointData point : metric.getLongSumData().getPoints()) {
					if (errorType.test(point.getAttributes().get(ErrorAttributes.ERROR_TYPE))) {
						total += point.getValue();
					}
				}
			}
		}
		return total;
	}

	@Override
	public void close() {
		this.meterProvider.close();
	}

	/**
	 * A reader that collects only when asked, keeping cumulative sums.
	 */
	private static final class OnDemandReader implements MetricReader {

		private volatile CollectionRegistration registration = CollectionRegistration.noop();

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = registration;
		}

		Collection<MetricData> collect() {
			return this.registration.collectAllMetrics();
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
