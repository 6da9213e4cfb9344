package io.github.distrace.autoconfigure.web;

import java.io.IOException;
import java.util.List;

import io.github.distrace.benchmarks.DistraceContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.distrace.benchmarks.Settings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One request through the servlet filter that makes server spans, against the same
 * request without it. The request is Spring's mock request, so that only the filter's
 * own work is measured; the servlet sets the matched route as Spring MVC would. Every
 * filtered request records one span.
 *
 * @author distrace
 */
public class ServerSpanFilterBenchmark extends Settings {

	private final HttpServlet servlet = new RouteServlet();

	private DistraceContext distrace;

	private ServerSpanFilter filter;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.start();
		this.filter = new ServerSpanFilter(this.distrace.tracer(),
				this.distrace.openTelemetry().getPropagators().getTextMapPropagator(), List.of("/actuator/**"), true);
	}

	@Benchmark
	public MockHttpServletResponse noFilter() throws ServletException, IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet).doFilter(request(), response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse filter() throws ServletException, IOException {
		this.spans++;
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet, this.filter).doFilter(request(), response);
		return response;
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/42");
		request.setServletPath("/orders/42");
		request.addHeader("User-Agent", "wrk");
		request.addHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		return request;
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	static final class RouteServlet extends HttpServlet {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) {
			request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/orders/{id}");
			response.setStatus(200);
		}

	}

}
