/**
 * Query spans for every R2DBC {@link io.r2dbc.spi.ConnectionFactory} bean: a bean
 * post-processor wraps each connection factory, its connections, statements and results,
 * and each execution's span is parented by the subscriber's Reactor context.
 */
@NullMarked
package io.github.distrace.autoconfigure.r2dbc;

import org.jspecify.annotations.NullMarked;
