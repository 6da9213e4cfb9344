package io.github.distrace.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Writes a stack trace as {@link Throwable#printStackTrace()} does (causes, suppressed
 * exceptions, frames in common left out as {@code ... n more}), but with each message
 * sanitized, and each exception named by its class, never by a {@code toString()} that
 * could add values of its own.
 *
 * @author distrace
 */
final class SanitizedStackTrace {

	private static final StackTraceElement[] NO_FRAMES = {};

	private final StringBuilder out = new StringBuilder(1024);

	private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

	private SanitizedStackTrace() {
	}

	/**
	 * Write an exception's stack trace with its messages sanitized.
	 * @param exception the exception
	 * @return the stack trace
	 */
	static String of(Throwable exception) {
		SanitizedStackTrace stackTrace = new SanitizedStackTrace();
		stackTrace.write(exception, NO_FRAMES, "", "");
		return stackTrace.out.toString();
	}

	private void write(Throwable exception, StackTraceElement[] enclosingFrames, String caption, String indent) {
		if (!this.seen.add(exception)) {
			this.out.append(indent).append(caption).append("[CIRCULAR REFERENCE: ");
			describe(exception);
			this.out.append("]\n");
			return;
		}
		StackTraceElement[] frames = exception.getStackTrace();
		int last = frames.length - 1;
		int enclosing = enclosingFrames.length - 1;
		while (last >= 0 && enclosing >= 0 && frames[last].equals(enclosingFrames[enclosing])) {
			last--;
			enclosing--;
		}
		this.out.append(indent).append(caption);
		describe(exception);
		this.out.append('\n');
		for (int i = 0; i <= last; i++) {
			this.out.append(indent).append("\tat ").append(frames[i]).append('\n');
		}
		int inCommon = frames.length - 1 - last;
		if (inCommon > 0) {
			this.out.append(indent).append("\t... ").append(inCommon).append(" more\n");
		}
		for (Throwable suppressed : exception.getSuppressed()) {
			write(suppressed, frames, "Suppressed: ", indent + "\t");
		}
		Throwable cause = exception.getCause();
		if (cause != null) {
			write(cause, frames, "Caused by: ", indent);
		}
	}

	private void describe(Throwable exception) {
		this.out.append(exception.getClass().getName());
		String message = exception.getLocalizedMessage();
		if (message != null) {
			this.out.append(": ").append(ErrorMessageSanitizer.sanitize(message));
		}
	}

}
