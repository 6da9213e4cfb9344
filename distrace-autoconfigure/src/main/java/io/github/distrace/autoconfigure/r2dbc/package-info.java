/**
 * Query spans for every R2DBC {@link io.r2dbc.spi.ConnectionFactory} bean: a bean
 * post-processor wraps each connection factory with R2DBC Proxy, whose callbacks around
 * each statement make its span, parented by the subscriber's Reactor context.
 */
@NullMarked
package io.github.distrace.autoconfigure.r2dbc;

import org.jspecify.annotations.NullMarked;
