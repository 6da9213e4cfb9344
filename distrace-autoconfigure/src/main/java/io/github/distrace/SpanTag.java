package io.github.distrace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the argument of a parameter of a {@link Traced @Traced} method an attribute of
 * the method's span, as {@link String#valueOf(Object)}. A {@code null} argument adds no
 * attribute.
 *
 * @author distrace
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SpanTag {

	/**
	 * Attribute key.
	 * @return the attribute key
	 */
	String value();

}
