package io.github.distrace.autoconfigure.sdk;

import java.util.logging.Level;

import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * Keeps OpenTelemetry's batch span processor from logging a WARNING before each export
 * that follows dropped spans, as the SDK does since 1.62: under sustained overload that
 * is several lines a second (about a hundred in 25 s in the load test). The
 * {@link DroppedSpanReporter} already reports drops at most once a minute, so the
 * processor's records about drops are demoted to FINE (DEBUG); its other records, such as
 * an exporter that threw, keep their level.
 *
 * @author distrace
 */
final class DroppedSpanLogging {

	private static final JulLoggerDemotion PROCESSOR_LOGGER = new JulLoggerDemotion(Level.FINE, ": ",
			BatchSpanProcessor.class.getName())
		.onlyMessagesStartingWith("BatchSpanProcessor dropped");

	private DroppedSpanLogging() {
	}

	/**
	 * Demote the processor's reports of dropped spans, unless the application has set its
	 * own filter on that logger.
	 */
	static void demoteToDebug() {
		PROCESSOR_LOGGER.install();
	}

}
