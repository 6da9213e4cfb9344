package io.github.distrace.autoconfigure.web;

import io.github.distrace.autoconfigure.sdk.internal.TraceParentSyntax;

/**
 * Syntax of a W3C {@code traceparent} header; the rules are shared with messaging in
 * {@link TraceParentSyntax}.
 */
final class TraceParent {

	private TraceParent() {
	}

	/**
	 * Return whether the value is a {@code traceparent} to continue.
	 * @param value the header value
	 * @return whether the value is valid
	 * @see TraceParentSyntax#isValid(String)
	 */
	static boolean isValid(String value) {
		return TraceParentSyntax.isValid(value);
	}

}
