package io.github.distrace.internal;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ExceptionAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Records exceptions on spans, for every part of distrace that does: the server and
 * client spans, {@code @Traced} and {@code @Scheduled} methods, and
 * {@code TraceSpan.error}. An exception caused by a database error carries the values the
 * statement ran with in its messages and in those of every exception that wraps it
 * (Spring's {@code DuplicateKeyException}: {@code Key (email)=(...) already exists}), so
 * when an {@link SQLException} (or R2DBC's {@code R2dbcException}) is among its causes or
 * suppressed exceptions, every message is recorded sanitized: in
 * {@code exception.message}, in each line of {@code exception.stacktrace} that names an
 * exception, and in the status description. Types and frames are kept. Other exceptions
 * are recorded as OpenTelemetry records them.
 * <p>
 * Internal: not for use outside distrace.
 *
 * @author distrace
 */
public final class SpanErrors {

	private static final String EXCEPTION_EVENT = "exception";

	private SpanErrors() {
	}

	/**
	 * Record an exception as the span's {@code exception} event.
	 * @param span the span
	 * @param exception the exception
	 */
	public static void record(Span span, Throwable exception) {
		if (span.isRecording()) {
			record(span, exception, holdsSqlException(exception));
		}
	}

	/**
	 * Record an exception as the span's {@code exception} event and set the span's status
	 * to error, described by the exception's message, or by its type when it has none.
	 * @param span the span
	 * @param exception the exception
	 */
	public static void recordWithStatus(Span span, Throwable exception) {
		if (!span.isRecording()) {
			return;
		}
		boolean sanitized = holdsSqlException(exception);
		record(span, exception, sanitized);
		String message = exception.getMessage();
		span.setStatus(StatusCode.ERROR, (message == null) ? exception.getClass().getName()
				: sanitized ? ErrorMessageSanitizer.sanitize(message) : message);
	}

	private static void record(Span span, Throwable exception, boolean sanitized) {
		if (!sanitized) {
			span.recordException(exception);
			return;
		}
		AttributesBuilder attributes = Attributes.builder()
			.put(ExceptionAttributes.EXCEPTION_TYPE, exception.getClass().getName());
		String message = exception.getMessage();
		if (message != null) {
			attributes.put(ExceptionAttributes.EXCEPTION_MESSAGE, ErrorMessageSanitizer.sanitize(message));
		}
		attributes.put(ExceptionAttributes.EXCEPTION_STACKTRACE, SanitizedStackTrace.of(exception));
		span.addEvent(EXCEPTION_EVENT, attributes.build());
	}

	private static boolean holdsSqlException(Throwable exception) {
		return holdsSqlException(exception, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private static boolean holdsSqlException(@Nullable Throwable exception, Set<Throwable> seen) {
		for (Throwable current = exception; current != null && seen.add(current); current = current.getCause()) {
			if (current instanceof SQLException || isR2dbcException(current.getClass())) {
				return true;
			}
			for (Throwable suppressed : current.getSuppressed()) {
				if (holdsSqlException(suppressed, seen)) {
					return true;
				}
			}
		}
		return false;
	}

	// R2DBC drivers quote values as JDBC's do; the SPI is optional, so its exception is
	// known by name.
	private static boolean isR2dbcException(@Nullable Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			if (current.getName().equals("io.r2dbc.spi.R2dbcException")) {
				return true;
			}
		}
		return false;
	}

}
