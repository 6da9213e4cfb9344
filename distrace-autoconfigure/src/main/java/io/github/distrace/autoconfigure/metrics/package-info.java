/**
 * Database metrics in Micrometer, read from the spans database insight follows, before
 * any sampling: the duration of each database operation, queries per request, and counts
 * of N+1s, slow statements, large results and long waits for a connection.
 */
@NullMarked
package io.github.distrace.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
