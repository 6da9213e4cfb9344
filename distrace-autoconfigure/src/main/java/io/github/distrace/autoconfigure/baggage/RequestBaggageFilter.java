package io.github.distrace.autoconfigure.baggage;

import java.io.IOException;

import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request its {@link RequestBaggage}, so that baggage set while it runs is
 * seen by the rest of the request and by nothing after it.
 *
 * @author distrace
 */
final class RequestBaggageFilter extends OncePerRequestFilter {

	private static final String ALREADY_FILTERED_ATTRIBUTE = RequestBaggageFilter.class.getName() + ".FILTERED";

	// The inherited name is built from the filter's name on every request.
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return ALREADY_FILTERED_ATTRIBUTE;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (Scope scope = RequestBaggage.open()) {
			chain.doFilter(request, response);
		}
	}

}
