package io.github.distrace.autoconfigure.sdk.env;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;
import org.springframework.core.env.PropertySource;

/**
 * Reads one OpenTelemetry setting the way the OpenTelemetry SDK does: the {@code otel.*}
 * system property first, then the {@code OTEL_*} environment variable; an empty value
 * counts as unset, as the specification asks.
 *
 * @author distrace
 */
final class OtelVariables {

	private final @Nullable PropertySource<?> systemProperties;

	private final @Nullable PropertySource<?> systemEnvironment;

	OtelVariables(@Nullable PropertySource<?> systemProperties, @Nullable PropertySource<?> systemEnvironment) {
		this.systemProperties = systemProperties;
		this.systemEnvironment = systemEnvironment;
	}

	/**
	 * Return the value of the variable, or {@code null} when neither it nor its system
	 * property is set.
	 * @param variable the variable's name, such as {@code OTEL_SERVICE_NAME}
	 * @return the value and where it came from, or {@code null}
	 */
	@Nullable OtelValue get(String variable) {
		String systemProperty = variable.toLowerCase(Locale.ROOT).replace('_', '.');
		OtelValue value = read(this.systemProperties, systemProperty, "system property ");
		return (value != null) ? value : read(this.systemEnvironment, variable, "environment variable ");
	}

	private static @Nullable OtelValue read(@Nullable PropertySource<?> source, String name, String kind) {
		Object value = (source != null) ? source.getProperty(name) : null;
		if (value == null || value.toString().isBlank()) {
			return null;
		}
		return new OtelValue(value.toString().strip(), new NamedOrigin(kind + name));
	}

	/**
	 * A value and the variable or system property it was read from.
	 *
	 * @param value the value, stripped of surrounding white space
	 * @param origin where it was read from
	 */
	record OtelValue(String value, NamedOrigin origin) {

		IllegalStateException invalid(String allowed) {
			return new IllegalStateException("The " + this.origin + " has the value '" + this.value
					+ "', which distrace cannot use: " + allowed);
		}

	}

	/**
	 * Names the variable in binding and validation failures of the property it maps to.
	 *
	 * @param description such as {@code environment variable OTEL_SERVICE_NAME}
	 */
	record NamedOrigin(String description) implements Origin {

		@Override
		public String toString() {
			return this.description;
		}

	}

}
