package io.github.distrace.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.sdk.internal.DatabaseFinding;
import io.github.distrace.autoconfigure.sdk.internal.DatabaseInsightListener;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Records the database metrics from what database insight reads, for every span it
 * follows, sampled or not: {@code db.client.operation.duration} for each query, as
 * OpenTelemetry's database metric conventions describe it; {@code distrace.db.queries}
 * per local root; and a counter per finding ({@code distrace.db.n_plus_one},
 * {@code distrace.db.slow}, {@code distrace.db.large_result},
 * {@code distrace.db.pool_wait}).
 * <p>
 * A query is on the hot path: its timer is found by the statement's summary in one map
 * look-up, and its tags are built only the first time a statement shape is seen.
 *
 * @author distrace
 */
final class DatabaseMetrics implements DatabaseInsightListener {

	static final String OPERATION_DURATION = "db.client.operation.duration";

	static final String QUERIES = "distrace.db.queries";

	static final String ENDPOINT = "endpoint";

	// The bucket boundaries that OpenTelemetry's conventions advise for this histogram.
	private static final Duration[] BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(5), Duration.ofSeconds(10) };

	private static final double[] QUERY_BUCKETS = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };

	// Error types an application meets are few; this bounds a driver that puts values in
	// them.
	private static final int MAX_ERROR_TYPES = 32;

	private final MeterRegistry registry;

	private final TagValues summaries;

	private final TagValues endpoints;

	private final TagValues errorTypes = new TagValues(MAX_ERROR_TYPES);

	private final Duration[] buckets;

	// By database system, then by summary: how a query finds its timers, without
	// allocating. A summary is its operation and its tables, so it needs neither read
	// again.
	private final Map<String, Map<String, Shape>> shapesBySummary = new ConcurrentHashMap<>();

	// Every shape; those of queries without a summary, or past the bound, are found here.
	private final Map<ShapeKey, Shape> shapes = new ConcurrentHashMap<>();

	private final Map<String, DistributionSummary> queriesByEndpoint = new ConcurrentHashMap<>();

	DatabaseMetrics(MeterRegistry registry, DistraceMetricsProperties properties) {
		this.registry = registry;
		this.summaries = new TagValues(properties.getMaxTagValues());
		this.endpoints = new TagValues(properties.getMaxTagValues());
		this.buckets = properties.isHistogram() ? BUCKETS : new Duration[0];
	}

	@Override
	public void queryEnding(ReadableSpan query) {
		String system = query.getAttribute(DbAttributes.DB_SYSTEM_NAME);
		String summary = query.getAttribute(DbAttributes.DB_QUERY_SUMMARY);
		Map<String, Shape> bySummary = (summary != null) ? this.shapesBySummary.get((system != null) ? system : "")
				: null;
		Shape shape = (bySummary != null) ? bySummary.get(summary) : null;
		if (shape == null) {
			shape = shape(system, query.getAttribute(DbAttributes.DB_OPERATION_NAME),
					query.getAttribute(DbAttributes.DB_COLLECTION_NAME), summary);
		}
		shape.timer(query.getAttribute(ErrorAttributes.ERROR_TYPE))
			.record(query.getLatencyNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void localRootEnding(ReadableSpan root, long queryCount, List<DatabaseFinding> findings) {
		String endpoint = this.endpoints.of(root.getName());
		this.queriesByEndpoint
			.computeIfAbsent(endpoint,
					(name) -> DistributionSummary.builder(QUERIES)
						.description("Database queries per request, message or scheduled run")
						.tag(ENDPOINT, name)
						.serviceLevelObjectives(QUERY_BUCKETS)
						.register(this.registry))
			.record(queryCount);
		for (DatabaseFinding finding : findings) {
			String value = finding.key().equals(DbAttributes.DB_QUERY_SUMMARY.getKey())
					? this.summaries.of(finding.value()) : finding.value();
			this.registry.counter(finding.kind(), ENDPOINT, endpoint, finding.key(), value).increment();
		}
	}

	private Shape shape(@Nullable String system, @Nullable String operation, @Nullable String collection,
			@Nullable String summary) {
		String tagged = this.summaries.of(summary);
		boolean past = tagged.equals(TagValues.OTHER);
		// Past the bound, the table goes too: it would bound the tags no better than the
		// summary.
		ShapeKey key = new ShapeKey(system, operation, past ? TagValues.OTHER : collection, tagged);
		Shape shape = this.shapes.computeIfAbsent(key,
				(shapeKey) -> new Shape(shapeKey, this.registry, this.errorTypes, this.buckets));
		if (summary != null && !past) {
			this.shapesBySummary.computeIfAbsent((system != null) ? system : "", (name) -> new ConcurrentHashMap<>())
				.putIfAbsent(summary, shape);
		}
		return shape;
	}

	/**
	 * What tells the timers of one statement shape apart from another's.
	 */
	private record ShapeKey(@Nullable String system, @Nullable String operation, @Nullable String collection,
			String summary) {

	}

	/**
	 * The timers of one statement shape: one for its successes, one per error type.
	 */
	private static final class Shape {

		private final MeterRegistry registry;

		private final TagValues errorTypes;

		private final Duration[] buckets;

		private final Tags tags;

		private final Timer succeeded;

		private final Map<String, Timer> failed = new ConcurrentHashMap<>();

		Shape(ShapeKey key, MeterRegistry registry, TagValues errorTypes, Duration[] buckets) {
			this.registry = registry;
			this.errorTypes = errorTypes;
			this.buckets = buckets;
			this.tags = Tags.of(DbAttributes.DB_SYSTEM_NAME.getKey(), value(key.system()),
					DbAttributes.DB_OPERATION_NAME.getKey(), value(key.operation()),
					DbAttributes.DB_COLLECTION_NAME.getKey(), value(key.collection()),
					DbAttributes.DB_QUERY_SUMMARY.getKey(), key.summary());
			this.succeeded = register(TagValues.NONE);
		}

		Timer timer(@Nullable String errorType) {
			if (errorType == null) {
				return this.succeeded;
			}
			Timer timer = this.failed.get(errorType);
			if (timer == null) {
				timer = this.failed.computeIfAbsent(this.errorTypes.of(errorType), this::register);
			}
			return timer;
		}

		private Timer register(String errorType) {
			return Timer.builder(OPERATION_DURATION)
				.description("Duration of database client operations")
				.tags(this.tags)
				.tag(ErrorAttributes.ERROR_TYPE.getKey(), errorType)
				.serviceLevelObjectives(this.buckets)
				.register(this.registry);
		}

		private static String value(@Nullable String value) {
			return (value != null) ? value : TagValues.NONE;
		}

	}

}
