/**
 * distrace's public API: {@link io.github.distrace.Traced @Traced} and
 * {@link io.github.distrace.SpanTag @SpanTag} for methods,
 * {@link io.github.distrace.Distrace} for spans of your own,
 * {@link io.github.distrace.BaggageService} for W3C baggage, and
 * {@link io.github.distrace.SqlCommenter} for trace context carried in SQL comments.
 */
@NullMarked
package io.github.distrace;

import org.jspecify.annotations.NullMarked;
