/**
 * Auto-configuration of distrace. Each feature lives in its own sub-package and depends
 * only on the public API and on {@link io.github.distrace.autoconfigure.sdk}.
 */
@NullMarked
package io.github.distrace.autoconfigure;

import org.jspecify.annotations.NullMarked;
