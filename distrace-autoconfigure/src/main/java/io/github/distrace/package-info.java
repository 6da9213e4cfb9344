/**
 * Public API of distrace.
 */
@NullMarked
package io.github.distrace;

import org.jspecify.annotations.NullMarked;
