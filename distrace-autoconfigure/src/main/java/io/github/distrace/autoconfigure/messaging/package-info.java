/**
 * Producer and consumer spans for Kafka ({@code spring-kafka}) and RabbitMQ
 * ({@code spring-rabbit}), with the trace context carried in message headers: a consumed
 * message is a local root, like a request.
 */
@NullMarked
package io.github.distrace.autoconfigure.messaging;

import org.jspecify.annotations.NullMarked;
