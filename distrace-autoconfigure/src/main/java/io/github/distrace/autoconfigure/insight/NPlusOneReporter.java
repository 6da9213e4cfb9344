package io.github.distrace.autoconfigure.insight;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.distrace.NPlusOneDetected;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Tells the application about the N+1s found in a request: one WARN line per endpoint and
 * statement at most once a minute, so that a busy endpoint does not flood the log, and an
 * {@link NPlusOneDetected} application event for every detection reported one by one (a
 * bounded number per local root); those found beyond are summed up in one WARN line per
 * endpoint at most once a minute. Runs on the thread that ended the span, and holds no
 * lock while it logs or calls listeners: the rate limit is one update of a concurrent
 * map, so a listener that blocks one request never holds up another.
 *
 * @author distrace
 */
final class NPlusOneReporter {

	private static final Log logger = LogFactory.getLog(NPlusOneReporter.class);

	private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

	// Endpoints times statements an application has is small; this bounds a hostile mix.
	static final int MAX_REMEMBERED = 1024;

	private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

	private final Supplier<@Nullable ApplicationEventPublisher> publisher;

	NPlusOneReporter(Supplier<@Nullable ApplicationEventPublisher> publisher) {
		this.publisher = publisher;
	}

	void report(String endpoint, String traceId, NPlusOnes found) {
		ApplicationEventPublisher publisher = this.publisher.get();
		for (Detection detection : found.reported()) {
			if (logger.isWarnEnabled() && isLogDue(endpoint, detection.statement())) {
				logger
					.warn(String.format("N+1 in %s: %d executions of [%s] below span %s (%.1f ms in all, trace %s). %s",
							endpoint, detection.count(), detection.statement(), detection.spanName(),
							detection.millis(), traceId, hint(detection)));
			}
			if (publisher != null) {
				publish(publisher,
						new NPlusOneDetected(endpoint, detection.spanName(), detection.statement(),
								(detection.summary() != null) ? detection.summary() : "", detection.count(),
								Duration.ofNanos(detection.nanos()), traceId));
			}
		}
		if (found.unreported() > 0 && logger.isWarnEnabled() && isLogDue(endpoint, "")) {
			logger.warn(String.format("N+1 in %s: %d further N+1s in trace %s were counted but not reported one by "
					+ "one (distrace.jdbc.n-plus-one.max-reported).", endpoint, found.unreported(), traceId));
		}
	}

	private static String hint(Detection detection) {
		if (DatabaseInsightSpanProcessor.REDIS.equals(detection.system())) {
			return "Send them in one command (MGET, HMGET, a variadic DEL) or in a pipeline (executePipelined).";
		}
		return "Load them in one query (a join or an IN list), or fetch the association eagerly.";
	}

	private boolean isLogDue(String endpoint, String statement) {
		long now = System.nanoTime();
		if (this.lastLogged.size() >= MAX_REMEMBERED) {
			this.lastLogged.values().removeIf((logged) -> now - logged >= LOG_INTERVAL_NANOS);
			if (this.lastLogged.size() >= MAX_REMEMBERED) {
				this.lastLogged.clear();
			}
		}
		Long logged = this.lastLogged.compute(endpoint + '\n' + statement,
				(key, last) -> (last != null && now - last < LOG_INTERVAL_NANOS) ? last : now);
		return logged == now;
	}

	private static void publish(ApplicationEventPublisher publisher, NPlusOneDetected event) {
		try {
			publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			// A listener's failure must not fail the request whose span is ending.
			logger.warn("A listener of " + NPlusOneDetected.class.getSimpleName() + " failed", ex);
		}
	}

}
