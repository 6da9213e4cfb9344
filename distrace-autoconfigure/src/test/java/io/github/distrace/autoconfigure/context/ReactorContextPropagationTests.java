package io.github.distrace.autoconfigure.context;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.OpenTelemetryContextAccessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context auto-configuration hands OpenTelemetry's context to Reactor's automatic
 * context propagation, unless the application chose the limited mode.
 */
class ReactorContextPropagationTests {

	private static final SpanContext SPAN = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
			TraceFlags.getSampled(), TraceState.getDefault());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceContextAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	// Reactor's hook is global: the other tests of this JVM expect it on, as distrace
	// leaves it.
	@AfterEach
	void enableHookAgain() {
		Hooks.enableAutomaticContextPropagation();
	}

	@Test
	void operatorsOnOtherThreadsRunInTheSubscribersContextAndLeaveNoneBehind() {
		Hooks.disableAutomaticContextPropagation();
		this.contextRunner.run((context) -> {
			String[] seen = spanIdsInOperatorAndAfter();
			assertThat(seen[0]).isEqualTo(SPAN.getSpanId());
			assertThat(seen[1]).isEqualTo(SpanContext.getInvalid().getSpanId());
		});
	}

	@Test
	void limitedModeChosenByTheApplicationIsKept() {
		Hooks.disableAutomaticContextPropagation();
		this.contextRunner.withPropertyValues("spring.reactor.context-propagation=limited")
			.run((context) -> assertThat(spanIdsInOperatorAndAfter()[0])
				.isEqualTo(SpanContext.getInvalid().getSpanId()));
	}

	/**
	 * Return the span id current in an operator after {@code publishOn}, and the one
	 * current on that same thread once the chain is done.
	 */
	private static String[] spanIdsInOperatorAndAfter() {
		Context otel = Context.root().with(Span.wrap(SPAN));
		String[] seen = new String[2];
		var scheduler = Schedulers.newSingle("test");
		try {
			Mono.just("x")
				.publishOn(scheduler)
				.doOnNext((value) -> seen[0] = Span.current().getSpanContext().getSpanId())
				.contextWrite((reactorContext) -> reactorContext.put(OpenTelemetryContextAccessor.KEY, otel))
				.block();
			Mono.fromCallable(() -> Span.current().getSpanContext().getSpanId())
				.subscribeOn(scheduler)
				.doOnNext((value) -> seen[1] = value)
				.block();
		}
		finally {
			scheduler.dispose();
		}
		return seen;
	}

}
