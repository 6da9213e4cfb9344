package io.github.distrace.autoconfigure.baggage;

import jakarta.servlet.Filter;

/**
 * Gives benchmarks in other packages the filter that opens each request's baggage, as
 * {@link DistraceBaggageAutoConfiguration} registers it in a servlet application.
 *
 * @author distrace
 */
public final class RequestBaggageFilters {

	private RequestBaggageFilters() {
	}

	/**
	 * Return a new request baggage filter.
	 * @return the filter
	 */
	public static Filter create() {
		return new RequestBaggageFilter();
	}

}
