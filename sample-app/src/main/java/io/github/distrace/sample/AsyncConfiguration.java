package io.github.distrace.sample;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Runs {@code @Async} methods on Spring Boot's task executor, which distrace makes carry
 * the trace context.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfiguration {

}
