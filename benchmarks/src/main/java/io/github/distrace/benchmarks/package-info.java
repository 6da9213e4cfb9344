/**
 * JMH benchmarks of what tracing costs: distrace against no tracing and against
 * OpenTelemetry's own instrumentation, on one OpenTelemetry SDK.
 */
@NullMarked
package io.github.distrace.benchmarks;

import org.jspecify.annotations.NullMarked;
