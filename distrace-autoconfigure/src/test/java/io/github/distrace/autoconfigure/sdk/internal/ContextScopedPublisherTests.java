package io.github.distrace.autoconfigure.sdk.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.context.ContextRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.SignalType;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ContextScopedMono} and {@link ContextScopedFlux}: the context is current where
 * the source does work for its subscriber, in Reactor's context for its operators, and
 * nowhere after, the subscriber's own current where it is signalled, without Reactor's
 * wrapping; the listener hears of the end once, in order with the signal.
 */
class ContextScopedPublisherTests {

	private static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
			TraceFlags.getSampled(), TraceState.getDefault());

	private static final Context CONTEXT = Context.root().with(Span.wrap(SPAN));

	private static final SpanContext PARENT_SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
			"b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

	private static final Context PARENT = Context.root().with(Span.wrap(PARENT_SPAN));

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final TerminationListener listener = new TerminationListener() {

		@Override
		public void terminating(@Nullable Throwable failure) {
			ContextScopedPublisherTests.this.events
				.add("terminating " + ((failure != null) ? failure.getMessage() : "normally"));
		}

		@Override
		public void terminated(SignalType signal) {
			ContextScopedPublisherTests.this.events.add("terminated " + signal.name());
		}

	};

	@Test
	void sourceIsSubscribedWithTheContextCurrentAndLeavesNoneBehind() {
		Mono<String> source = Mono.fromCallable(ContextScopedPublisherTests::currentSpanId);
		StepVerifier.create(new ContextScopedMono<>(source, CONTEXT, TerminationListener.NONE))
			.expectNext(SPAN.getSpanId())
			.verifyComplete();
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void requestsAreMadeWithTheContextCurrent() {
		List<String> seenOnRequest = new CopyOnWriteArrayList<>();
		Flux<Integer> source = Flux.range(1, 3).doOnRequest((n) -> seenOnRequest.add(currentSpanId()));
		RequestingLater subscriber = new RequestingLater();
		new ContextScopedFlux<>(source, CONTEXT, this.listener).subscribe(subscriber);
		assertThat(seenOnRequest).isEmpty();
		// Requested from outside any scope, as an event loop would.
		subscriber.next();
		subscriber.next();
		assertThat(seenOnRequest).containsExactly(SPAN.getSpanId(), SPAN.getSpanId());
		assertThat(subscriber.items).containsExactly(1, 2);
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void operatorsFindTheContextInReactorsContext() {
		Mono<Object> source = Mono
			.deferContextual((reactorContext) -> Mono.just(reactorContext.get(OpenTelemetryContextAccessor.KEY)));
		StepVerifier.create(new ContextScopedMono<>(source, CONTEXT, TerminationListener.NONE))
			.expectNext(CONTEXT)
			.verifyComplete();
	}

	@Test
	void listenerHearsOfCompletionBeforeAndAfterTheSubscriber() {
		Flux<String> source = Flux.just("a", "b");
		new ContextScopedFlux<>(source, CONTEXT, this.listener).subscribe((item) -> this.events.add("item " + item),
				(failure) -> this.events.add("error"), () -> this.events.add("complete"));
		assertThat(this.events).containsExactly("item a", "item b", "terminating normally", "complete",
				"terminated ON_COMPLETE");
	}

	@Test
	void monoEndsWithItsItem() {
		new ContextScopedMono<>(Mono.just("a"), CONTEXT, this.listener).subscribe(
				(item) -> this.events.add("item " + item), (failure) -> this.events.add("error"),
				() -> this.events.add("complete"));
		// A Mono's lambda subscriber completes with the item.
		assertThat(this.events).containsExactly("terminating normally", "item a", "complete", "terminated ON_COMPLETE");
	}

	@Test
	void monoEndsBeforeAnOperatorDownstreamCompletesOnItsItem() {
		// flatMap completes its subscriber with its inner publisher, before the source's
		// own completion reaches it.
		new ContextScopedMono<>(Mono.just("a"), CONTEXT, this.listener).flatMap((item) -> {
			this.events.add("inner " + item);
			return Mono.just(item);
		})
			.subscribe((item) -> this.events.add("item " + item), (failure) -> this.events.add("error"),
					() -> this.events.add("complete"));
		assertThat(this.events).startsWith("terminating normally", "inner a").contains("complete");
		assertThat(this.events).filteredOn((event) -> event.startsWith("terminat")).hasSize(2);
	}

	@Test
	void listenerHearsOfFailureBeforeAndAfterTheSubscriber() {
		Mono<String> source = Mono.error(new IllegalStateException("boom"));
		new ContextScopedMono<>(source, CONTEXT, this.listener).subscribe((item) -> this.events.add("item"),
				(failure) -> this.events.add("error " + failure.getMessage()));
		assertThat(this.events).containsExactly("terminating boom", "error boom", "terminated ON_ERROR");
	}

	@Test
	void cancellationIsHeardOnceAndNotAfterCompletion() {
		RequestingLater subscriber = new RequestingLater();
		new ContextScopedFlux<>(Flux.just(1), CONTEXT, this.listener).subscribe(subscriber);
		subscriber.next();
		subscriber.next();
		// Past the subscriber's own guard, which would not pass a late cancel on.
		subscriber.upstream.cancel();
		assertThat(this.events).containsExactly("terminating normally", "terminated ON_COMPLETE");

		this.events.clear();
		RequestingLater cancelling = new RequestingLater();
		new ContextScopedFlux<>(Flux.<Integer>never(), CONTEXT, this.listener).subscribe(cancelling);
		cancelling.upstream.cancel();
		cancelling.upstream.cancel();
		assertThat(this.events).containsExactly("terminated CANCEL");
	}

	@Test
	void reactorDoesNotWrapItInAutomaticContextPropagation() {
		// Reactor's hook is global: the other tests of this JVM expect it on, as distrace
		// leaves it.
		Hooks.enableAutomaticContextPropagation();
		// Through Publisher's subscribe, Reactor's public entry point, where it wraps
		// what is not its own (subscribe(CoreSubscriber) would go past it).
		RequestingLater monoSubscriber = new RequestingLater();
		new ContextScopedMono<>(Mono.just(1), CONTEXT, TerminationListener.NONE)
			.subscribe((Subscriber<Integer>) monoSubscriber);
		RequestingLater fluxSubscriber = new RequestingLater();
		new ContextScopedFlux<>(Flux.just(1), CONTEXT, TerminationListener.NONE)
			.subscribe((Subscriber<Integer>) fluxSubscriber);
		// Wrapped, the subscriber would be handed the subscription of Reactor's operator
		// that restores thread-locals, about 1 KB a subscription.
		assertThat(List.of(monoSubscriber.upstream, fluxSubscriber.upstream))
			.allSatisfy((subscription) -> assertThat(subscription).as("Reactor's question recognised")
				.isInstanceOf(ContextScopedSubscriber.class));
	}

	@Test
	void signalsGoOnWithTheSubscribersContextCurrent() {
		// Mono.just answers the request made in the operator's scope: without a scope of
		// its own, the operator would pass its item on with its context current.
		Mono<String> seenDownstream = new ContextScopedMono<>(Mono.just("a"), CONTEXT, TerminationListener.NONE)
			.map((item) -> currentSpanId())
			.contextWrite((reactorContext) -> reactorContext.put(OpenTelemetryContextAccessor.KEY, PARENT));
		StepVerifier.create(seenDownstream).expectNext(PARENT_SPAN.getSpanId()).verifyComplete();
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void sourceNotReactorsOwnSignalsInTheOperatorsContext() {
		Hooks.enableAutomaticContextPropagation();
		ContextRegistry.getInstance().registerThreadLocalAccessor(new OpenTelemetryContextAccessor());
		List<String> seenAtEnd = new CopyOnWriteArrayList<>();
		TerminationListener recording = new TerminationListener() {

			@Override
			public void terminating(@Nullable Throwable failure) {
				seenAtEnd.add(currentSpanId());
			}

			@Override
			public void terminated(SignalType signal) {
			}

		};
		// A publisher of another library's, answering on a thread of its own: Reactor
		// wraps it, as it is subscribed through Publisher's subscribe.
		Mono<String> foreign = new Mono<>() {

			@Override
			public void subscribe(CoreSubscriber<? super String> actual) {
				actual.onSubscribe(Operators.emptySubscription());
				Thread answering = new Thread(() -> {
					actual.onNext("a");
					actual.onComplete();
				});
				answering.start();
			}

		};
		StepVerifier.create(new ContextScopedMono<>(foreign, CONTEXT, recording)).expectNext("a").verifyComplete();
		assertThat(seenAtEnd).containsExactly(SPAN.getSpanId());
	}

	private static String currentSpanId() {
		return Span.current().getSpanContext().getSpanId();
	}

	/**
	 * Requests one item at a time, when told to.
	 */
	private static final class RequestingLater extends BaseSubscriber<Integer> {

		private final List<Integer> items = new CopyOnWriteArrayList<>();

		@SuppressWarnings("NullAway.Init")
		private Subscription upstream;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			// Nothing requested yet.
			this.upstream = subscription;
		}

		@Override
		protected void hookOnNext(Integer item) {
			this.items.add(item);
		}

		void next() {
			request(1);
		}

	}

}
