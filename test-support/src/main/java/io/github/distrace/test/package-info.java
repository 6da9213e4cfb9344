/**
 * Real peers for distrace's own tests: an OTLP receiver that decodes what exporters send,
 * and a collector that never answers.
 */
@NullMarked
package io.github.distrace.test;

import org.jspecify.annotations.NullMarked;
