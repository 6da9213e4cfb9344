package io.github.distrace.autoconfigure.sdk;

import java.util.Collection;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
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

	// What the batch processor of OpenTelemetry 1.55 (Spring Boot 4.0) reports instead of
	// PROCESSED_SPANS; see BatchProcessorTelemetry. Only one of the two is ever recorded.
	static final String LEGACY_PROCESSED_SPANS = "processedSpans";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

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
		return sum(PROCESSED_SPANS, (point) -> QUEUE_FULL.equals(point.get(ErrorAttributes.ERROR_TYPE)))
				+ sum(LEGACY_PROCESSED_SPANS, (point) -> Boolean.TRUE.equals(point.get(LEGACY_DROPPED)));
	}

	/**
	 * Return how many spans exporters have accepted.
	 * @return the number of exported spans since start-up
	 */
	public long exportedSpans() {
		return sum(EXPORTED_SPANS, (point) -> point.get(ErrorAttributes.ERROR_TYPE) == null);
	}

	/**
	 * Return how many spans exporters failed to send.
	 * @return the number of spans whose export failed since start-up
	 */
	public long failedSpans() {
		return sum(EXPORTED_SPANS, (point) -> point.get(ErrorAttributes.ERROR_TYPE) != null);
	}

	private long sum(String name, Predicate<Attributes> counted) {
		long total = 0;
		for (MetricData metric : this.reader.collect()) {
			if (metric.getName().equals(name) && metric.getType() == MetricDataType.LONG_SUM) {
				for (LongPointData point : metric.getLongSumData().getPoints()) {
					if (counted.test(point.getAttributes())) {
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
