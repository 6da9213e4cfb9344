/**
 * Internal: not for use outside distrace. What query spans share, whatever the driver
 * API: the statement parser, sanitizer and summary, the cache of parsed statements, the
 * database a connection talks to and how a failed statement's exception is recorded
 * without the values in its messages.
 */
@NullMarked
package io.github.distrace.autoconfigure.sql;

import org.jspecify.annotations.NullMarked;
