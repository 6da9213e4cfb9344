package io.github.distrace.autoconfigure.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.distrace.autoconfigure.jdbc.RequiresDatabase;

/**
 * Tests against the RabbitMQ broker at 127.0.0.1:5672 (guest/guest): required with
 * {@code CI=true}, skipped with a message elsewhere when it does not answer, by the same
 * rule as the database servers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresDatabase(name = "RabbitMQ", port = 5672)
public @interface RequiresRabbitMq {

}
