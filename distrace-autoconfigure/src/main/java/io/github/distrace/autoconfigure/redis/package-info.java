/**
 * Query spans for Redis commands: one {@code CLIENT} span per command sent through
 * Lettuce (Spring Boot's default client), plugged into Lettuce's own tracing SPI, with the
 * command and its keys as {@code db.query.text} and every value replaced by {@code ?}.
 */
@NullMarked
package io.github.distrace.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
