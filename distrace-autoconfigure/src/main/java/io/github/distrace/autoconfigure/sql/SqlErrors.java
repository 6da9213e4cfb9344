package io.github.distrace.autoconfigure.sql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ExceptionAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Describes a failed statement's exception without its messages, which may quote the
 * values the statement was run with.
 *
 * @author distrace
 */
public final class SqlErrors {

	private SqlErrors() {
	}

	/**
	 * Mark a query span as failed: status {@code ERROR}, {@code error.type} (the
	 * SQLSTATE, else the exception's class) and an {@code exception} event. Drivers quote
	 * the offending values in their messages ({@code Key (email)=(...) already exists}):
	 * unless statements are recorded raw, the event holds no message and the status
	 * description is the {@code error.type}, as bind values are kept out of the
	 * statement's text.
	 * @param span the query span
	 * @param exception what the statement threw
	 * @param sqlState the exception's SQLSTATE, or {@code null}
	 * @param raw whether statements are recorded as written, messages included
	 */
	public static void failed(Span span, Throwable exception, @Nullable String sqlState, boolean raw) {
		if (sqlState != null) {
			span.setAttribute(DbAttributes.DB_RESPONSE_STATUS_CODE, sqlState);
		}
		String errorType = (sqlState != null) ? sqlState : exception.getClass().getName();
		span.setAttribute(ErrorAttributes.ERROR_TYPE, errorType);
		if (raw) {
			span.setStatus(StatusCode.ERROR, exception.getMessage());
			span.recordException(exception);
		}
		else {
			span.setStatus(StatusCode.ERROR, errorType);
			span.addEvent("exception", withoutMessages(exception));
		}
	}

	/**
	 * Return the attributes of an {@code exception} event: the type and the stack trace,
	 * with the class of each cause but none of the messages.
	 * @param exception the exception
	 * @return the event attributes
	 */
	static Attributes withoutMessages(Throwable exception) {
		StringBuilder stackTrace = new StringBuilder();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = exception; current != null && seen.add(current); current = current.getCause()) {
			stackTrace.append((current != exception) ? "Caused by: " : "").append(current.getClass().getName());
			for (StackTraceElement element : current.getStackTrace()) {
				stackTrace.append("\n\tat ").append(element);
			}
			stackTrace.append('\n');
		}
		return Attributes.of(ExceptionAttributes.EXCEPTION_TYPE, exception.getClass().getName(),
				ExceptionAttributes.EXCEPTION_STACKTRACE, stackTrace.toString());
	}

}
