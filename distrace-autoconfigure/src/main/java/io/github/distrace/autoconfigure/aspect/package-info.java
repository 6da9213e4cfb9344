/**
 * The {@link io.github.distrace.Traced @Traced} aspect, and a root span for each run of a
 * {@code @Scheduled} method.
 */
@NullMarked
package io.github.distrace.autoconfigure.aspect;

import org.jspecify.annotations.NullMarked;
