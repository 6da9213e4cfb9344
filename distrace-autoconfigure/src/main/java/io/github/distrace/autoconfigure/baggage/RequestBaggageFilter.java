package io.github.distrace.autoconfigure.baggage;

import java.io.IOException;

import io.github.distrace.autoconfigure.sdk.internal.RequestTracingCpu;
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
		long mark = RequestTracingCpu.enter();
		Scope scope = RequestBaggage.open();
		RequestTracingCpu.exit(mark);
		try {
			chain.doFilter(request, response);
		}
		finally {
			mark = RequestTracingCpu.enter();
			scope.close();
			RequestTracingCpu.exit(mark);
		}
	}

}
