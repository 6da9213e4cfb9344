/**
 * Server spans for Spring WebFlux (on Netty or a servlet container): a {@code WebFilter}
 * ordered first, whose span is current for the whole reactive chain through Reactor's
 * context.
 */
@NullMarked
package io.github.distrace.autoconfigure.web.reactive;

import org.jspecify.annotations.NullMarked;
