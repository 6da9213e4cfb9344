/**
 * Internal: not for use outside distrace. The tail decision inside the application: spans
 * the head sampler did not sample are still recorded, held per local root (each request,
 * message or job) until that root span ends, and exported whole when a keep rule holds
 * (an error, a slow root, an N+1), dropped otherwise. What is held is bounded in spans,
 * bytes and time.
 */
@NullMarked
package io.github.distrace.autoconfigure.sdk.sampling;

import org.jspecify.annotations.NullMarked;
