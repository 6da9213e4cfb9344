package io.github.distrace.benchmarks;

import java.io.IOException;
import java.util.List;

import io.github.distrace.autoconfigure.baggage.DistraceBaggageAutoConfiguration;
import io.github.distrace.autoconfigure.web.DistraceWebServerAutoConfiguration;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One request through the servlet filter that makes server spans, against the same
 * request without it. The request is Spring's mock request, so that only the filter's own
 * work is measured; the servlet sets the matched route as Spring MVC would. Every request
 * of {@code filter} and {@code filterAndBaggage} records one span.
 * {@code filterAndBaggage} runs the request through both filters distrace registers in a
 * servlet application, in their order, with the baggage configuration of the sample app
 * (one baggage key copied onto spans and into the MDC), so that it gives the whole
 * per-request cost. {@code filterSampledOut} is a request whose caller said "not
 * sampled", with the default {@code parentbased_always_on} sampler: what the filter costs
 * the requests it does not record. {@code passThroughFilter} is a
 * {@link OncePerRequestFilter} that only calls the chain: the floor under any such
 * filter.
 * <p>
 * The filters are the ones distrace's auto-configurations register in a servlet
 * application, taken from their registrations, with the default properties.
 *
 * @author distrace
 */
public class ServerSpanFilterBenchmark extends Settings {

	private static final String SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static final String UNSAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

	private final HttpServlet servlet = new RouteServlet();

	private final Filter passThrough = new PassThroughFilter();

	private DistraceContext distrace;

	private Filter filter;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.startServlet(new String[0], Web.class);
		this.filter = onlyFilter(this.distrace);
	}

	static Filter onlyFilter(DistraceContext distrace) {
		List<Filter> filters = distrace.servletFilters();
		if (filters.size() != 1) {
			throw new IllegalStateException("Expected the server span filter alone: " + filters);
		}
		return filters.get(0);
	}

	@Benchmark
	public MockHttpServletResponse noFilter() throws ServletException, IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet).doFilter(request(), response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse passThroughFilter() throws ServletException, IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet, this.passThrough).doFilter(request(), response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse filter() throws ServletException, IOException {
		this.spans++;
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet, this.filter).doFilter(request(), response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse filterAndBaggage(WithBaggage withBaggage) throws ServletException, IOException {
		withBaggage.spans++;
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet, withBaggage.filters).doFilter(request(), response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse filterSampledOut(SampledOut sampledOut) throws ServletException, IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet, sampledOut.filter).doFilter(request(UNSAMPLED), response);
		return response;
	}

	private static MockHttpServletRequest request() {
		return request(SAMPLED);
	}

	private static MockHttpServletRequest request(String traceparent) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/42");
		request.setServletPath("/orders/42");
		request.addHeader("User-Agent", "wrk");
		request.addHeader("traceparent", traceparent);
		return request;
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	/**
	 * distrace's server spans, as a servlet application has them.
	 */
	@ImportAutoConfiguration(DistraceWebServerAutoConfiguration.class)
	static class Web {

	}

	static final class PassThroughFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(request, response);
		}

	}

	static final class RouteServlet extends HttpServlet {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) {
			request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/orders/{id}");
			response.setStatus(200);
		}

	}

	/**
	 * distrace with its baggage auto-configuration as well, as an application has it.
	 */
	@State(Scope.Thread)
	public static class WithBaggage {

		private DistraceContext distrace;

		private Filter[] filters;

		private long spans;

		@Setup(Level.Trial)
		public void start() {
			this.distrace = DistraceContext.startServlet(
					new String[] { "distrace.baggage.span-attributes=tenant", "distrace.baggage.mdc=tenant" },
					Web.class, Baggage.class);
			TextMapPropagator propagator = this.distrace.openTelemetry().getPropagators().getTextMapPropagator();
			if (!propagator.toString().startsWith("RequestBaggagePropagator")) {
				throw new IllegalStateException("The baggage configuration did not apply: " + propagator);
			}
			// The server span filter, then the one that opens each request's baggage.
			this.filters = this.distrace.servletFilters().toArray(Filter[]::new);
			if (this.filters.length != 2) {
				throw new IllegalStateException(
						"Expected the server span and baggage filters: " + List.of(this.filters));
			}
		}

		@TearDown(Level.Trial)
		public void verify() {
			this.distrace.verifySpansAndClose(this.spans);
		}

		@ImportAutoConfiguration(DistraceBaggageAutoConfiguration.class)
		static class Baggage {

		}

	}

	/**
	 * distrace with the default sampler, which follows the caller's decision.
	 */
	@State(Scope.Thread)
	public static class SampledOut {

		private final HttpServlet servlet = new RouteServlet();

		private DistraceContext distrace;

		private Filter filter;

		@Setup(Level.Trial)
		public void start() {
			this.distrace = DistraceContext.startServlet(new String[] { "distrace.sampler.type=parentbased_always_on",
					// Without keep rules, a sampled-out request is not recorded: the path
					// measured here.
					"distrace.sampler.keep.errors=false", "distrace.sampler.keep.n-plus-one=false" }, Web.class);
			this.filter = onlyFilter(this.distrace);
		}

		/**
		 * Check that no sampled-out request recorded a span, and that a sampled one
		 * through the same filter does.
		 */
		@TearDown(Level.Trial)
		public void verify() throws ServletException, IOException {
			new MockFilterChain(this.servlet, this.filter).doFilter(request(SAMPLED), new MockHttpServletResponse());
			this.distrace.verifySpansAndClose(1);
		}

	}

}
