/**
 * Query spans for every {@link javax.sql.DataSource} bean: a bean post-processor wraps
 * each data source, its connections and statements, and can carry the trace context to
 * the database in SQL comments.
 */
@NullMarked
package io.github.distrace.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
