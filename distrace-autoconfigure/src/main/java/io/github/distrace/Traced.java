package io.github.distrace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.opentelemetry.api.trace.SpanKind;

/**
 * Traces a method of a Spring bean: each call runs in a span of its own, a child of the
 * span current at the call. On a type, every public method of the type is traced.
 * <p>
 * A thrown exception is recorded on the span, sets its status to error, and is rethrown
 * unchanged; when a database error ({@link java.sql.SQLException}) is among its causes,
 * its messages are recorded with the values they quote replaced by {@code ?}. For a
 * method returning a {@link java.util.concurrent.CompletionStage} the span ends when the
 * stage completes. Arguments of parameters annotated with {@link SpanTag @SpanTag} become
 * span attributes.
 * <p>
 * Calls from inside the same object do not pass through the Spring proxy and are not
 * traced, unless AspectJ load-time weaving is used (see docs/tracing-your-code.md).
 *
 * @author distrace
 * @see SpanTag
 * @see Distrace
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Traced {

	/**
	 * Name of the span. Defaults to {@code SimpleClassName.method}.
	 * @return the span name, or an empty string for the default
	 */
	String value() default "";

	/**
	 * Kind of the span.
	 * @return the span kind
	 */
	SpanKind kind() default SpanKind.INTERNAL;

}
