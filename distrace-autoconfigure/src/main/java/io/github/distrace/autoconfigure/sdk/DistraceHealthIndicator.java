package io.github.distrace.autoconfigure.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.distrace.autoconfigure.sdk.ExportOutcomes.Failure;
import io.github.distrace.autoconfigure.sdk.ExportOutcomes.Outcome;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code distrace} component of the health endpoint: {@code UP} while the latest
 * export of each of distrace's exporters succeeded (or none was made yet),
 * {@code UNKNOWN} while one's latest export failed. Never {@code DOWN}: a collector that
 * is down is no reason to take the application out of service or restart it.
 *
 * @author distrace
 */
final class DistraceHealthIndicator implements HealthIndicator {

	private final SpanExportStatistics statistics;

	private final ExportOutcomes outcomes;

	DistraceHealthIndicator(SpanExportStatistics statistics, ExportOutcomes outcomes) {
		this.statistics = statistics;
		this.outcomes = outcomes;
	}

	@Override
	public Health health() {
		try {
			return currentHealth();
		}
		catch (RuntimeException ex) {
			// Health is read on a request thread of the application: never an exception.
			return Health.unknown().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

	private Health currentHealth() {
		List<Outcome> outcomes = this.outcomes.outcomes();
		Health.Builder health = outcomes.stream().anyMatch((outcome) -> outcome.failure() != null) ? Health.unknown()
				: Health.up();
		if (outcomes.size() == 1) {
			addDetails(health, outcomes.get(0));
		}
		else if (!outcomes.isEmpty()) {
			Map<String, Object> exporters = new LinkedHashMap<>();
			for (Outcome outcome : outcomes) {
				exporters.put(outcome.name(), addDetails(new Health.Builder(), outcome).build().getDetails());
			}
			health.withDetail("exporters", exporters);
		}
		return health.withDetail("exported", this.statistics.exportedSpans())
			.withDetail("dropped", this.statistics.droppedSpans())
			.withDetail("failed", this.statistics.failedSpans())
			.build();
	}

	private static Health.Builder addDetails(Health.Builder health, Outcome outcome) {
		health.withDetail("endpoint", outcome.endpoint());
		Failure failure = outcome.failure();
		if (failure != null) {
			health.withDetail("lastError", failure.error()).withDetail("lastFailure", failure.time().toString());
		}
		return health;
	}

}
