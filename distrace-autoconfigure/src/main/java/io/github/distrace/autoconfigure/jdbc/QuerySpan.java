package io.github.distrace.autoconfigure.jdbc;

import io.opentelemetry.api.common.Attributes;

/**
 * The name and attributes of a query span, built once per statement text and database
 * and cached with the parsed statement.
 *
 * @param database the database they were made for
 * @param name the span name
 * @param attributes the span attributes
 * @author distrace
 */
record QuerySpan(DatabaseInfo database, String name, Attributes attributes) {

	boolean isFor(DatabaseInfo database) {
		return this.database == database || this.database.equals(database);
	}

}
