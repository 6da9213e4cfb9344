package io.github.distrace.benchmarks;

import io.github.distrace.Traced;
import io.github.distrace.autoconfigure.context.DistraceContextAutoConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A method that returns a {@code Mono}, plain and traced with {@code @Traced}, its result
 * subscribed to the end as WebFlux subscribes a handler's, with Reactor's automatic
 * context propagation on, as distrace's context auto-configuration leaves it. The
 * {@code Mono} maps its input, as a handler's does before it reaches a database. Every
 * traced call records one span, ended when the {@code Mono} completes.
 *
 * @author distrace
 */
public class ReactiveTracedBenchmark extends Settings {

	private final LastValue subscriber = new LastValue();

	private DistraceContext distrace;

	private Loader plain;

	private Loader traced;

	private long value;

	private long spans;

	@Setup(Level.Trial)
	public void start() {
		this.distrace = DistraceContext.start(TracedConfiguration.class);
		this.plain = new Loader();
		this.traced = this.distrace.bean(TracedLoader.class);
		if (!AopUtils.isAopProxy(this.traced)) {
			throw new IllegalStateException("Not proxied");
		}
	}

	@Benchmark
	public long plain() {
		return subscribe(this.plain.load(this.value++));
	}

	@Benchmark
	public long traced() {
		this.spans++;
		return subscribe(this.traced.load(this.value++));
	}

	// Through Reactor's public entry point, as the operators of a WebFlux chain subscribe
	// a handler's Mono: with automatic context propagation, a publisher that is not
	// Reactor's own gets an operator that restores thread-locals around its signals.
	private long subscribe(Mono<Long> mono) {
		Subscriber<Long> subscriber = this.subscriber;
		mono.subscribe(subscriber);
		return this.subscriber.value;
	}

	@TearDown(Level.Trial)
	public void verify() {
		this.distrace.verifySpansAndClose(this.spans);
	}

	/**
	 * A reactive service method.
	 */
	public static class Loader {

		private final Work work = new Work();

		/**
		 * Load something.
		 * @param id what to load
		 * @return it, when subscribed
		 */
		public Mono<Long> load(long id) {
			return Mono.just(id).map(this.work::work);
		}

	}

	/**
	 * {@link Loader#load} traced with distrace's annotation.
	 */
	public static class TracedLoader extends Loader {

		@Override
		@Traced
		public Mono<Long> load(long id) {
			return super.load(id);
		}

	}

	/**
	 * Requests everything and keeps the last item: the same subscriber for every call,
	 * each call's {@code Mono} completing before the next starts.
	 */
	private static final class LastValue implements CoreSubscriber<Long> {

		private long value;

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(Long item) {
			this.value = item;
		}

		@Override
		public void onError(Throwable failure) {
			throw new IllegalStateException(failure);
		}

		@Override
		public void onComplete() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DistraceContextAutoConfiguration.class)
	static class TracedConfiguration {

		@Bean
		TracedLoader tracedLoader() {
			return new TracedLoader();
		}

	}

}
