/**
 * Internal: not for use outside distrace. How an exception is recorded on a span, with
 * the values that database errors quote replaced: shared by the API's {@code TraceSpan}
 * and the auto-configuration's spans, so that the API depends on nothing of the
 * auto-configuration. Public only so that those packages reach it; may change in any
 * release.
 */
@NullMarked
package io.github.distrace.internal;

import org.jspecify.annotations.NullMarked;
