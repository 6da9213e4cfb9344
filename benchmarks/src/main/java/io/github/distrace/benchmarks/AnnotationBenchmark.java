package io.github.distrace.benchmarks;

import java.lang.reflect.Constructor;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;

/**
 * A method call: plain; with a span written by hand around it; with distrace's
 * {@code @Traced} (the proxy distrace's auto-configuration makes); and with
 * OpenTelemetry's {@code @WithSpan}, applied by the aspect of OpenTelemetry's Spring
 * Boot starter ({@code InstrumentationWithSpanAspect}) through a Spring AOP proxy, as
 * that starter does. All record into the same SDK; each traced call records one span.
 *
 * @author distrace
 */
public class AnnotationBenchmark extends Settings {

	private static final String WITH_SPAN_ASPECT = "io.opentelemetry.instrumentation.spring.autoconfigure.internal."
			+ "instrumentation.annotations.InstrumentationWithSpanAspect";

	private DistraceContext distrace;

	private Work plain;

	private Tracer tracer;

	private Work traced;

	private Work withSpan;

	private Work passThrough;

	private long value;

	private long spans;

	@Setup(Level.Trial)
	public void start() throws ReflectiveOperationException {
		this.distrace = DistraceContext.start(TracedConfiguration.class);
		this.plain = new Work();
		this.tracer = this.distrace.tracer();
		this.traced = this.distrace.bean(Work.TracedWork.class);
		this.withSpan = withSpanProxy(this.distrace.openTelemetry());
		ProxyFactory passThrough = new ProxyFactory(new Work());
		passThrough.setProxyTargetClass(true);
		passThrough.addAdvice((MethodInterceptor) MethodInvocation::proceed);
		this.passThrough = (Work) passThrough.getProxy();
		if (!AopUtils.isAopProxy(this.traced) || !AopUtils.isAopProxy(this.withSpan)) {
			throw new IllegalStateException("Not proxied");
		}
	}

	// The starter's aspect is package-private; Spring's auto-proxying would make the same
	// advisor from it as AspectJProxyFactory does.
	private static Work withSpanProxy(OpenTelemetry openTelemetry) throws ReflectiveOperationException {
		Constructor<?> constructor = Class.forName(WITH_SPAN_ASPECT)
			.getDeclaredConstructor(OpenTelemetry.class, ParameterNameDiscoverer.class);
		constructor.setAccessible(true);
		AspectJProxyFactory factory = new AspectJProxyFactory(new Work.WithSpanWork());
		factory.setProxyTargetClass(true);
		factory.addAspect(constructor.newInstance(openTelemetry, new DefaultParameterNameDiscoverer()));
		return factory.getProxy();
	}

	@Benchmark
	public long plain() {
		return this.plain.work(this.value++);
	}

	@Benchmark
	public long handWrittenSpan() {
		this.spans++;
		Span span = this.tracer.spanBuilder("Work.work").startSpan();
		try (Scope scope = span.makeCurrent()) {
			return this.plain.work(this.value++);
		}
		finally {
			span.end();
		}
	}

	// What a Spring AOP proxy costs by itself: the floor under any annotation-driven span.
	@Benchmark
	public long passThroughProxy() {
		return this.passThrough.work(this.value++);
	}

	@Benchmark
	public long traced() {
		this.spans++;
		return this.traced.work(this.value++);
	}

	@Benchmark
	public long withSpan() {
		this.spans++;
		return this.withSpan.work(this.value++);
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	@Configuration(proxyBeanMethods = false)
	static class TracedConfiguration {

		@Bean
		Work.TracedWork tracedWork() {
			return new Work.TracedWork();
		}

	}

}
