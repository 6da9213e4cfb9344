package io.github.distrace.autoconfigure.sdk;

import java.util.Locale;

/**
 * Sampling strategy, named as in the OpenTelemetry SDK configuration specification.
 *
 * @author distrace
 */
public enum SamplerType {

	/**
	 * Record every trace.
	 */
	ALWAYS_ON,

	/**
	 * Record no trace.
	 */
	ALWAYS_OFF,

	/**
	 * Record the given ratio of traces, chosen by trace id.
	 */
	TRACEIDRATIO,

	/**
	 * Follow the caller's decision; record every new trace.
	 */
	PARENTBASED_ALWAYS_ON,

	/**
	 * Follow the caller's decision; record no new trace.
	 */
	PARENTBASED_ALWAYS_OFF,

	/**
	 * Follow the caller's decision; record the given ratio of new traces.
	 */
	PARENTBASED_TRACEIDRATIO;

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
