/**
 * The embedded viewer's OTLP/HTTP receiver: a bounded protobuf decoder and the servlet at
 * {@code {distrace.ui.path}/v1/traces} that feeds what other services send into the
 * viewer's store. It depends on the viewer's package, never the other way round.
 */
@NullMarked
package io.github.distrace.autoconfigure.ui.otlp;

import org.jspecify.annotations.NullMarked;
