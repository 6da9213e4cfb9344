/**
 * Server spans for servlet requests and client spans for outgoing HTTP calls
 * ({@code RestClient}, {@code RestTemplate}, {@code WebClient}), joined across services
 * by the configured propagators.
 */
@NullMarked
package io.github.distrace.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
