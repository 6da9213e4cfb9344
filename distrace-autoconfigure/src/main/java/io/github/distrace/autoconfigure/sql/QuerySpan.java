package io.github.distrace.autoconfigure.sql;

import io.opentelemetry.api.common.Attributes;

/**
 * The name and attributes of a query span, built once per statement text and database and
 * cached with the parsed statement.
 *
 * @param database the database they were made for
 * @param name the span name
 * @param attributes the span attributes
 * @param explainable whether its plan may be requested: a single {@code SELECT} on a
 * database whose {@code EXPLAIN} distrace knows
 * @author distrace
 */
public record QuerySpan(DatabaseInfo database, String name, Attributes attributes, boolean explainable) {

	public boolean isFor(DatabaseInfo database) {
		return this.database == database || this.database.equals(database);
	}

}
