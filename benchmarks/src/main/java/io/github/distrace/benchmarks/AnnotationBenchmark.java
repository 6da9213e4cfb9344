package io.github.distrace.benchmarks;

import java.lang.reflect.Constructor;

import io.github.distrace.Distrace;
import io.github.distrace.TraceSpan;
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
 * OpenTelemetry's {@code @WithSpan}, applied by the aspect of OpenTelemetry's Spring Boot
 * starter ({@code InstrumentationWithSpanAspect}) through a Spring AOP proxy, as that
 * starter does; in a span of distrace's programmatic API ({@link Distrace#span}); and, as
 * floors, through a Spring AOP proxy that only proceeds, and one whose advice is the
 * hand-written span. All record into the same SDK; each traced call records one span.
 *
 * @author distrace
 */
public class AnnotationBenchmark extends Settings {

	private static final String WITH_SPAN_ASPECT = "io.opentelemetry.instrumentation.spring.autoconfigure.internal."
			+ "instrumentation.annotations.InstrumentationWithSpanAspect";

	private DistraceContext distrace;

	private Work plain;

	private Tracer tracer;

	private Distrace api;

	private Work traced;

	private Work withSpan;

	private Work passThrough;

	private Work proxiedHandWrittenSpan;

	private long value;

	private long spans;

	@Setup(Level.Trial)
	public void start() throws ReflectiveOperationException {
		this.distrace = DistraceContext.start(TracedConfiguration.class);
		this.plain = new Work();
		this.tracer = this.distrace.tracer();
		this.api = new Distrace(this.tracer);
		this.traced = this.distrace.bean(Work.TracedWork.class);
		this.withSpan = withSpanProxy(this.distrace.openTelemetry());
		this.passThrough = proxy(MethodInvocation::proceed);
		this.proxiedHandWrittenSpan = proxy(this::spanAround);
		if (!AopUtils.isAopProxy(this.traced) || !AopUtils.isAopProxy(this.withSpan)) {
			throw new IllegalStateException("Not proxied");
		}
	}

	private static Work proxy(MethodInterceptor advice) {
		ProxyFactory factory = new ProxyFactory(new Work());
		factory.setProxyTargetClass(true);
		factory.addAdvice(advice);
		return (Work) factory.getProxy();
	}

	private Object spanAround(MethodInvocation invocation) throws Throwable {
		Span span = this.tracer.spanBuilder("Work.work").startSpan();
		try (Scope scope = span.makeCurrent()) {
			return invocation.proceed();
		}
		finally {
			span.end();
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

	@Benchmark
	public long distraceSpan() {
		this.spans++;
		try (TraceSpan span = this.api.span("Work.work")) {
			return this.plain.work(this.value++);
		}
	}

	// What a Spring AOP proxy costs by itself: the floor under any annotation-driven
	// span.
	@Benchmark
	public long passThroughProxy() {
		return this.passThrough.work(this.value++);
	}

	// The floor under any proxy-based annotation that records a span: the hand-written
	// span in the advice of a Spring AOP class proxy.
	@Benchmark
	public long proxiedHandWrittenSpan() {
		this.spans++;
		return this.proxiedHandWrittenSpan.work(this.value++);
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
