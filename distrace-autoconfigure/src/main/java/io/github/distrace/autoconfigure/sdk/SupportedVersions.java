package io.github.distrace.autoconfigure.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import org.jspecify.annotations.Nullable;

/**
 * The Spring Boot and OpenTelemetry versions distrace runs on, and the start-up check of
 * the OpenTelemetry SDK, so that an SDK too old fails with a message naming the range
 * instead of a {@link LinkageError} from deep inside the SDK's builders.
 *
 * @author distrace
 */
final class SupportedVersions {

	static final String RANGE = "Spring Boot 4.0.x or 4.1.x with OpenTelemetry 1.55 or a later 1.x";

	static final int MIN_OPENTELEMETRY_MINOR = 55;

	private static final AttributeKey<String> SDK_VERSION = AttributeKey.stringKey("telemetry.sdk.version");

	private SupportedVersions() {
	}

	/**
	 * Fail when the OpenTelemetry SDK on the class path is outside the supported range.
	 * @throws UnsupportedVersionException if it is
	 */
	static void checkOpenTelemetry() {
		String version = openTelemetryVersion();
		if (version != null && !isSupportedOpenTelemetry(version)) {
			throw new UnsupportedVersionException("OpenTelemetry SDK " + version + " is not supported");
		}
	}

	static boolean isSupportedOpenTelemetry(String version) {
		String[] parts = version.split("[.-]");
		try {
			return Integer.parseInt(parts[0]) == 1 && Integer.parseInt(parts[1]) >= MIN_OPENTELEMETRY_MINOR;
		}
		catch (NumberFormatException | ArrayIndexOutOfBoundsException ex) {
			// A build of its own that names no version: let it try.
			return true;
		}
	}

	static @Nullable String openTelemetryVersion() {
		try {
			return Resource.getDefault().getAttribute(SDK_VERSION);
		}
		catch (LinkageError ex) {
			return null;
		}
	}

	/**
	 * Thrown at start-up when a library is outside the supported range; see
	 * {@link UnsupportedVersionFailureAnalyzer}.
	 */
	static final class UnsupportedVersionException extends RuntimeException {

		UnsupportedVersionException(String message) {
			super(message + "; distrace needs " + RANGE);
		}

	}

}
