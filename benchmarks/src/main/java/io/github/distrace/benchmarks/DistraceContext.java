package io.github.distrace.benchmarks;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.distrace.autoconfigure.aspect.DistraceAspectAutoConfiguration;
import io.github.distrace.autoconfigure.jdbc.DistraceJdbcAutoConfiguration;
import io.github.distrace.autoconfigure.r2dbc.DistraceR2dbcAutoConfiguration;
import io.github.distrace.autoconfigure.redis.DistraceRedisAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.SpanExportStatistics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.web.context.reactive.GenericReactiveWebApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.server.WebFilter;

/**
 * An application context with distrace configured the way an application gets it (its
 * auto-configurations and {@code distrace.*} properties), exporting to a
 * {@link CountingSpanExporter}. Every span is kept: the sampler is {@code always_on}
 * unless a benchmark says otherwise, and the export queue is large and drained often, so
 * that spans are exported rather than dropped. A {@link #startServlet servlet} context is
 * what a servlet application has, so that the benchmarks reach distrace's servlet filters
 * as an application gets them: through the registrations its auto-configurations make; a
 * {@link #startReactive reactive} one what a WebFlux application has.
 *
 * @author distrace
 */
public final class DistraceContext implements AutoCloseable {

	private final GenericApplicationContext context;

	private final CountingSpanExporter exporter = new CountingSpanExporter();

	private DistraceContext(GenericApplicationContext context, Map<String, Object> properties,
			Class<?>... configurations) {
		this.context = context;
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("spring.application.name", "benchmark");
		all.put("distrace.exporter", "none");
		all.put("distrace.sampler.type", "always_on");
		all.put("distrace.batch.max-queue-size", "65536");
		all.put("distrace.batch.max-export-batch-size", "4096");
		all.put("distrace.batch.schedule-delay", "50ms");
		// A connection handed out slowly by a busy machine would add a pool-wait span
		// that the benchmark's span count does not expect; pool waits are not what it
		// measures.
		all.put("distrace.jdbc.pool-wait.threshold", "1h");
		all.putAll(properties);
		this.context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", all));
		this.context.registerBean(CountingSpanExporter.class, () -> this.exporter);
		AnnotatedBeanDefinitionReader reader = new AnnotatedBeanDefinitionReader(this.context);
		reader.register(Distrace.class);
		reader.register(configurations);
		this.context.refresh();
	}

	/**
	 * Start a context.
	 * @param properties properties that replace the defaults, {@code name=value}
	 * @param configurations the application's configuration classes
	 * @return the context
	 */
	public static DistraceContext start(String[] properties, Class<?>... configurations) {
		return new DistraceContext(new GenericApplicationContext(), map(properties), configurations);
	}

	/**
	 * Start the context of a servlet application, whose servlet filters
	 * {@link #servletFilters()} returns.
	 * @param properties properties that replace the defaults, {@code name=value}
	 * @param configurations the application's configuration classes
	 * @return the context
	 */
	public static DistraceContext startServlet(String[] properties, Class<?>... configurations) {
		return new DistraceContext(new GenericWebApplicationContext(new MockServletContext()), map(properties),
				configurations);
	}

	/**
	 * Start the context of a reactive (WebFlux) application, whose web filters
	 * {@link #webFilters()} returns.
	 * @param properties properties that replace the defaults, {@code name=value}
	 * @param configurations the application's configuration classes
	 * @return the context
	 */
	public static DistraceContext startReactive(String[] properties, Class<?>... configurations) {
		return new DistraceContext(new GenericReactiveWebApplicationContext(), map(properties), configurations);
	}

	private static Map<String, Object> map(String[] properties) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			map.put(property.substring(0, equals), property.substring(equals + 1));
		}
		return map;
	}

	/**
	 * Start a context with the default properties.
	 * @param configurations the application's configuration classes
	 * @return the context
	 */
	public static DistraceContext start(Class<?>... configurations) {
		return start(new String[0], configurations);
	}

	/**
	 * Return a bean of the context.
	 * @param <T> the bean's type
	 * @param type the bean's type
	 * @return the bean
	 */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Return a bean of the context by name.
	 * @param <T> the bean's type
	 * @param name the bean's name
	 * @param type the bean's type
	 * @return the bean
	 */
	public <T> T bean(String name, Class<T> type) {
		return this.context.getBean(name, type);
	}

	/**
	 * Return the servlet filters registered in the context, in their order, as a servlet
	 * container would run them.
	 * @return the filters
	 */
	public List<Filter> servletFilters() {
		return this.context.getBeansOfType(FilterRegistrationBean.class)
			.values()
			.stream()
			.sorted(Comparator.comparingInt(FilterRegistrationBean::getOrder))
			.map((registration) -> (Filter) registration.getFilter())
			.toList();
	}

	/**
	 * Return the web filters of the context, in their order, as WebFlux would run them.
	 * @return the filters
	 */
	public List<WebFilter> webFilters() {
		return this.context.getBeanProvider(WebFilter.class).orderedStream().toList();
	}

	/**
	 * Return the {@link OpenTelemetry} distrace built; the peer instrumentation uses it
	 * too, so that both sides record into the same SDK and export pipeline.
	 * @return the OpenTelemetry instance
	 */
	public OpenTelemetry openTelemetry() {
		return bean(OpenTelemetry.class);
	}

	/**
	 * Return distrace's tracer.
	 * @return the tracer
	 */
	public Tracer tracer() {
		return bean(Tracer.class);
	}

	/**
	 * Check that exactly the expected number of spans reached the end of the pipeline
	 * (exported, or dropped because the queue was full), so that no benchmark measured a
	 * no-op path by mistake, nor recorded spans where it should not.
	 * @param expected the number of spans the benchmark should have recorded
	 * @return a line describing the spans, for the benchmark's output
	 */
	public String verifySpans(long expected) {
		bean(SdkTracerProvider.class).forceFlush().join(30, TimeUnit.SECONDS);
		long exported = this.exporter.exported();
		long dropped = bean(SpanExportStatistics.class).droppedSpans();
		String line = "spans expected=" + expected + " exported=" + exported + " dropped=" + dropped;
		if (exported + dropped != expected || (expected > 0 && exported == 0)) {
			throw new IllegalStateException("Spans were not recorded as expected: " + line);
		}
		return line;
	}

	/**
	 * {@link #verifySpans Check the spans}, print what was found, and close the context.
	 * @param expected the number of spans the benchmark should have recorded
	 */
	public void verifySpansAndClose(long expected) {
		try {
			System.out.println(verifySpans(expected));
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	@ImportAutoConfiguration({ DistraceSdkAutoConfiguration.class, DistraceJdbcAutoConfiguration.class,
			DistraceR2dbcAutoConfiguration.class, DistraceAspectAutoConfiguration.class,
			DistraceRedisAutoConfiguration.class })
	static class Distrace {

	}

}
