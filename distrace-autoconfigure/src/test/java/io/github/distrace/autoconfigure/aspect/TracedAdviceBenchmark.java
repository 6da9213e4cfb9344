package io.github.distrace.autoconfigure.aspect;

import java.util.Locale;
import java.util.function.IntUnaryOperator;

import io.github.distrace.Traced;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * Per-call cost of the two ways to run the {@code @Traced} advice through a Spring AOP
 * proxy: the {@code MethodInterceptor} advisor that distrace uses, and the AspectJ
 * {@code @Around} advice of {@link TracedAspect}. Not a test: run it by hand (see the
 * README, "Tracing your own code"). Each case is measured after warm-up, in rounds, and
 * the best round is reported, with a no-op tracer (the advice alone) and with the SDK.
 */
public final class TracedAdviceBenchmark {

	private static final int ROUNDS = 5;

	private static final long ROUND_NANOS = 1_000_000_000L;

	private TracedAdviceBenchmark() {
	}

	public static void main(String[] args) {
		SdkTracerProvider sdk = SdkTracerProvider.builder().build();
		Tracer[] tracers = { OpenTelemetry.noop().getTracer("bench"), sdk.get("bench") };
		String[] tracerNames = { "no-op tracer", "SDK tracer" };
		for (int i = 0; i < tracers.length; i++) {
			Tracer tracer = tracers[i];
			MethodSpans spans = new MethodSpans(() -> tracer, TracedMethod::forTraced);
			Work interceptorProxy = interceptorProxy(spans);
			Work aspectProxy = aspectProxy(spans);
			Work plain = new Work();
			double direct = measure(plain::compute);
			double interceptor = measure(interceptorProxy::compute);
			double aspect = measure(aspectProxy::compute);
			System.out.printf(Locale.ROOT,
					"%-13s direct %7.1f ns/op  MethodInterceptor %7.1f ns/op  AspectJ @Around %7.1f ns/op  ratio %.2f%n",
					tracerNames[i], direct, interceptor, aspect, (aspect - direct) / (interceptor - direct));
		}
		sdk.close();
	}

	private static Work interceptorProxy(MethodSpans spans) {
		ProxyFactory factory = new ProxyFactory(new Work());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new DefaultPointcutAdvisor(new TracedPointcut(), new SpanningMethodInterceptor(spans)));
		return (Work) factory.getProxy();
	}

	private static Work aspectProxy(MethodSpans spans) {
		AspectJProxyFactory factory = new AspectJProxyFactory(new Work());
		factory.setProxyTargetClass(true);
		factory.addAspect(new TracedAspect(spans));
		return factory.getProxy();
	}

	private static double measure(IntUnaryOperator call) {
		double best = Double.MAX_VALUE;
		int sink = 0;
		for (int round = 0; round < ROUNDS * 2; round++) {
			long calls = 0;
			long start = System.nanoTime();
			long elapsed;
			do {
				for (int i = 0; i < 10_000; i++) {
					sink += call.applyAsInt(i);
				}
				calls += 10_000;
				elapsed = System.nanoTime() - start;
			}
			while (elapsed < ROUND_NANOS);
			// The first half of the rounds is warm-up.
			if (round >= ROUNDS) {
				best = Math.min(best, (double) elapsed / calls);
			}
		}
		if (sink == 42) {
			System.out.print("");
		}
		return best;
	}

	/**
	 * The traced method: as small as possible, so that the advice dominates.
	 */
	public static class Work {

		@Traced
		public int compute(int value) {
			return value + 1;
		}

	}

}
