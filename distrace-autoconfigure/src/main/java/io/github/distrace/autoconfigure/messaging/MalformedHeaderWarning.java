package io.github.distrace.autoconfigure.messaging;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the application, at most once a minute, that a message arrived with a trace
 * header distrace ignored. Anyone who can publish to a topic or queue can send such
 * headers, so the line names neither the value (it may hold line breaks meant to forge
 * log lines) nor anything of the message.
 *
 * @author distrace
 */
final class MalformedHeaderWarning {

	private static final Log logger = LogFactory.getLog(MalformedHeaderWarning.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

	private final AtomicLong ignored = new AtomicLong();

	/**
	 * Count a message whose header was ignored, and log if a minute has passed since the
	 * last line.
	 * @param header the header's name, one of the propagation fields
	 */
	void ignored(String header) {
		long count = this.ignored.incrementAndGet();
		long now = System.nanoTime();
		long next = this.nextWarning.get();
		if (now - next >= 0 && this.nextWarning.compareAndSet(next, now + INTERVAL_NANOS)) {
			logger.warn("Ignored a malformed '" + header + "' header on a consumed message: it is traced as a new "
					+ "trace (" + count + " such messages so far; logged at most once a minute)");
		}
	}

}
