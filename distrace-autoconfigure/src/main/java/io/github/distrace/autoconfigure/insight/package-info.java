/**
 * Database insight from the spans the other features record: each request's query count
 * and time in the database on its local root span, N+1 detection (one statement repeated
 * below one span), and an optional {@code Server-Timing} response header.
 */
@NullMarked
package io.github.distrace.autoconfigure.insight;

import org.jspecify.annotations.NullMarked;
