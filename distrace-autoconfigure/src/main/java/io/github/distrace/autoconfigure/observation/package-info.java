/**
 * distrace beside Micrometer Tracing (Spring Boot's
 * {@code spring-boot-starter-opentelemetry} or a Micrometer Tracing bridge): Spring's
 * HTTP, Kafka and RabbitMQ observations keep their metrics but make no second span for a
 * hop that distrace already traces.
 */
@NullMarked
package io.github.distrace.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
