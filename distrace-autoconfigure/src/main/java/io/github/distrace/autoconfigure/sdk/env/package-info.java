/**
 * OpenTelemetry's standard {@code OTEL_*} environment variables and {@code otel.*} system
 * properties, read as {@code distrace.*} properties.
 */
@NullMarked
package io.github.distrace.autoconfigure.sdk.env;

import org.jspecify.annotations.NullMarked;
