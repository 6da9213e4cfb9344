package io.github.distrace.autoconfigure.sql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.ExceptionAttributes;

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
	 * Return the attributes of an {@code exception} event: the type and the stack trace,
	 * with the class of each cause but none of the messages.
	 * @param exception the exception
	 * @return the event attributes
	 */
	public static Attributes withoutMessages(Throwable exception) {
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
