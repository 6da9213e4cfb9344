/**
 * Internal: not for use outside distrace. Helpers that distrace's feature packages share
 * with one another and with the SDK's configuration (header text rules, the sampler
 * shortcut for unsampled parents, the paths a feature keeps out of server spans). They
 * are public only so that sibling packages can reach them, and may change in any release.
 */
@NullMarked
package io.github.distrace.autoconfigure.sdk.internal;

import org.jspecify.annotations.NullMarked;
