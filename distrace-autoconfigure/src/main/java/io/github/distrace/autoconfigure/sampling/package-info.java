/**
 * The tail decision inside the application: traces the head sampler did not sample are
 * still recorded, held per local trace until its root span ends, and exported whole when
 * a keep rule holds (an error, a slow root, an N+1), dropped otherwise.
 */
@NullMarked
package io.github.distrace.autoconfigure.sampling;

import org.jspecify.annotations.NullMarked;
