/**
 * Query spans for Redis commands: one {@code CLIENT} span per command sent through Spring
 * Data Redis, with the command and its keys as {@code db.query.text} and every value
 * replaced by {@code ?}. On Lettuce (Spring Boot's default client) they are plugged into
 * Lettuce's own tracing SPI; on Jedis, which has none, the connections of
 * {@code JedisConnectionFactory} make them.
 */
@NullMarked
package io.github.distrace.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
