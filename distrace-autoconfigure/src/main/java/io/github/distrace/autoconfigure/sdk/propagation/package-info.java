/**
 * The propagators distrace configures: W3C Trace Context Level 2 and W3C Baggage read by
 * distrace's own parsers, every propagator guarded against malformed headers, built
 * through {@link io.github.distrace.autoconfigure.sdk.propagation.Propagators}.
 */
@NullMarked
package io.github.distrace.autoconfigure.sdk.propagation;

import org.jspecify.annotations.NullMarked;
