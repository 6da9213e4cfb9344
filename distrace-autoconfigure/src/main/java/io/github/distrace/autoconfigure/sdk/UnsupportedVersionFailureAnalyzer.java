package io.github.distrace.autoconfigure.sdk;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Turns a start-up failure caused by an unsupported Spring Boot or OpenTelemetry version
 * into a message that names the versions found and the supported range: distrace's own
 * {@link SupportedVersions.UnsupportedVersionException}, or a {@link LinkageError} (a
 * {@link NoSuchMethodError}, {@link NoClassDefFoundError}, ...) thrown from distrace's
 * code or while Spring read one of its classes. It uses only types that Spring Boot 3 has
 * as well, so that it can explain the failure there too.
 *
 * @author distrace
 */
class UnsupportedVersionFailureAnalyzer implements FailureAnalyzer, Ordered {

	private static final String DISTRACE = "io.github.distrace.";

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		boolean distraceNamed = false;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SupportedVersions.UnsupportedVersionException) {
				return new FailureAnalysis(description(cause), action(), cause);
			}
			// Spring names the class it could not introspect ("Failed to introspect Class
			// [io.github.distrace...]") when a type it refers to is missing.
			distraceNamed |= String.valueOf(cause.getMessage()).contains(DISTRACE);
			if (cause instanceof LinkageError && (distraceNamed || thrownByDistrace(cause))) {
				return new FailureAnalysis(description(cause), action(), cause);
			}
		}
		return null;
	}

	// Before Spring Boot's own NoSuchMethodFailureAnalyzer, which would name the method
	// but not the versions that fit.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	private static boolean thrownByDistrace(Throwable cause) {
		for (StackTraceElement frame : cause.getStackTrace()) {
			if (frame.getClassName().startsWith(DISTRACE)) {
				return true;
			}
		}
		return false;
	}

	private static String description(Throwable cause) {
		String openTelemetry = SupportedVersions.openTelemetryVersion();
		return "distrace cannot run with the libraries of this application: " + cause + "\n\nIt runs on "
				+ SupportedVersions.RANGE + "; this application has Spring Boot " + SpringBootVersion.getVersion()
				+ " and OpenTelemetry SDK " + ((openTelemetry != null) ? openTelemetry : "(version unknown)") + ".";
	}

	private static String action() {
		return "Use " + SupportedVersions.RANGE + ". With spring-boot-starter-parent or Spring Boot's dependency "
				+ "management, OpenTelemetry follows Spring Boot (1.55 on 4.0, 1.62 on 4.1); set the "
				+ "opentelemetry.version property to choose a later 1.x, and keep every OpenTelemetry artifact "
				+ "at that one version.";
	}

}
