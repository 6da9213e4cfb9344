/**
 * Auto-configuration of the OpenTelemetry SDK: resource, sampler, propagators, span
 * limits, exporters and the batch span processor, all from {@code distrace.*} properties.
 */
@NullMarked
package io.github.distrace.autoconfigure.sdk;

import org.jspecify.annotations.NullMarked;
