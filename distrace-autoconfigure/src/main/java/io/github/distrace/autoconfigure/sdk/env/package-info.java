/**
 * What the platform says before the application's own configuration is read:
 * OpenTelemetry's standard {@code OTEL_*} environment variables and {@code otel.*} system
 * properties, read as {@code distrace.*} properties, and OpenTelemetry's Java agent, for
 * which distrace steps aside.
 */
@NullMarked
package io.github.distrace.autoconfigure.sdk.env;

import org.jspecify.annotations.NullMarked;
