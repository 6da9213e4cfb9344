/**
 * The {@link io.github.distrace.BaggageService} implementation, a request-wide scope for
 * baggage, and the bridges from baggage and trace context to span attributes and the
 * logging MDC.
 */
@NullMarked
package io.github.distrace.autoconfigure.baggage;

import org.jspecify.annotations.NullMarked;
