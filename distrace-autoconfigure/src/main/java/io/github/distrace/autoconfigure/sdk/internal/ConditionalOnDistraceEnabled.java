package io.github.distrace.autoconfigure.sdk.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches unless {@code distrace.enabled} is {@code false}: the switch every one of
 * distrace's auto-configurations honours, named once.
 *
 * @author distrace
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = "distrace.enabled", matchIfMissing = true)
public @interface ConditionalOnDistraceEnabled {

}
