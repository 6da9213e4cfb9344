/**
 * An application's start-up as one trace: the statements of schema scripts, migrations
 * and cache warm-up below one span, instead of a trace of their own each.
 */
@NullMarked
package io.github.distrace.autoconfigure.startup;

import org.jspecify.annotations.NullMarked;
