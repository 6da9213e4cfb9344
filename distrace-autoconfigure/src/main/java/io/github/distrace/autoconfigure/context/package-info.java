/**
 * The {@link io.github.distrace.Distrace} span API, and the trace context (span, baggage,
 * log correlation) carried into work that executors run on other threads.
 */
@NullMarked
package io.github.distrace.autoconfigure.context;

import org.jspecify.annotations.NullMarked;
