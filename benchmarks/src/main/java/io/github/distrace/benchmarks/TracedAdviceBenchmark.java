package io.github.distrace.benchmarks;

import io.github.distrace.autoconfigure.aspect.TracedAspect;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.aop.Advisor;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.aop.framework.ProxyFactory;

/**
 * Per-call cost of the two ways to run the {@code @Traced} advice through a Spring AOP
 * class proxy: the {@code MethodInterceptor} advisor that distrace's auto-configuration
 * registers ({@code distraceTracedAdvisor}, the default
 * {@code distrace.aspect.mode=proxy}), and the AspectJ {@code @Around} advice of
 * {@link TracedAspect} (the aspect for load-time weaving,
 * {@code distrace.aspect.mode=aspectj}) run by Spring AOP; against a direct call. Both
 * traced variants record one span per call into the same SDK. See
 * docs/tracing-your-code.md, "Why an advisor, not an {@code @Aspect}".
 *
 * @author distrace
 */
public class TracedAdviceBenchmark extends Settings {

	private final Work plain = new Work.TracedWork();

	private DistraceContext distrace;

	private Work advisor;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.start();
		ProxyFactory factory = new ProxyFactory(new Work.TracedWork());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(this.distrace.bean("distraceTracedAdvisor", Advisor.class));
		this.advisor = (Work) factory.getProxy();
	}

	@Benchmark
	public long direct() {
		return this.plain.work(42);
	}

	@Benchmark
	public long methodInterceptorAdvisor() {
		this.spans++;
		return this.advisor.work(42);
	}

	@Benchmark
	public long aspectJAroundAdvice(AspectJMode aspectJ) {
		aspectJ.spans++;
		return aspectJ.aspect.work(42);
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	/**
	 * distrace with {@code distrace.aspect.mode=aspectj}, which hands
	 * {@link TracedAspect} its tracer, and a Spring AOP proxy running that aspect.
	 */
	@State(Scope.Thread)
	public static class AspectJMode {

		private DistraceContext distrace;

		private Work aspect;

		private long spans;

		@Setup(Level.Trial)
		public void start() {
			this.distrace = DistraceContext.start(new String[] { "distrace.aspect.mode=aspectj" });
			AspectJProxyFactory factory = new AspectJProxyFactory(new Work.TracedWork());
			factory.setProxyTargetClass(true);
			factory.addAspect(new TracedAspect());
			this.aspect = factory.getProxy();
		}

		@TearDown(Level.Trial)
		public void verify() {
			this.distrace.verifySpansAndClose(this.spans);
		}

	}

}
