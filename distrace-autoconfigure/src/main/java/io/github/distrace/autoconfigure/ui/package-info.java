/**
 * The embedded trace viewer: an in-memory store of recent traces, fed by a span processor
 * and by OTLP/HTTP ingestion, and a servlet serving the viewer and its JSON API.
 */
@NullMarked
package io.github.distrace.autoconfigure.ui;

import org.jspecify.annotations.NullMarked;
