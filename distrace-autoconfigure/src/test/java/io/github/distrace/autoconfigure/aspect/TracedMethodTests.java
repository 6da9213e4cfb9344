package io.github.distrace.autoconfigure.aspect;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@code @Traced} methods of real beans, proxied as Spring Boot proxies them.
 */
class TracedMethodTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DistraceSdkAutoConfiguration.class,
				DistraceAspectAutoConfiguration.class))
		.withUserConfiguration(InMemorySpans.class)
		.withBean(TracedBeans.Greeter.class)
		.withBean(TracedBeans.TracedType.class)
		.withBean(TracedBeans.JdbcRepository.class)
		.withPropertyValues("distrace.exporter=none");

	@Test
	void tracesMethodWithDefaultNameAndTags() {
		this.contextRunner.run((context) -> {
			TracedBeans.Greeter greeter = context.getBean(TracedBeans.Greeter.class);
			assertThat(AopUtils.isCglibProxy(greeter)).isTrue();
			assertThat(greeter.greet("Ada")).isEqualTo("Hello Ada");
			greeter.greet(null);
			greeter.notTraced();
			assertThat(InMemorySpans.spans(context)).hasSize(2).allSatisfy((span) -> {
				assertThat(span.getName()).isEqualTo("Greeter.greet");
				assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
			});
			assertThat(InMemorySpans.spans(context).get(0).getAttributes().get(AttributeKey.stringKey("greeting.name")))
				.isEqualTo("Ada");
			assertThat(InMemorySpans.spans(context).get(1).getAttributes().asMap()).isEmpty();
		});
	}

	@Test
	void usesNameKindAndStringValueOfTags() {
		this.contextRunner.run((context) -> {
			context.getBean(TracedBeans.Greeter.class).call(3, true, "secret");
			SpanData span = InMemorySpans.span(context, "outbound");
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(span.getAttributes().asMap()).hasSize(2);
			assertThat(span.getAttributes().get(AttributeKey.stringKey("count"))).isEqualTo("3");
			assertThat(span.getAttributes().get(AttributeKey.stringKey("flag"))).isEqualTo("true");
		});
	}

	@Test
	void recordsExceptionAndRethrowsItUnchanged() {
		this.contextRunner.run((context) -> {
			assertThatIOException().isThrownBy(() -> context.getBean(TracedBeans.Greeter.class).fail())
				.withMessage("disk on fire");
			SpanData span = InMemorySpans.span(context, "Greeter.fail");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
			assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
				.isEqualTo(IOException.class.getName());
		});
	}

	@Test
	void endsSpanWhenFutureCompletes() {
		endsSpanWhenFutureCompletes("Greeter.later", TracedBeans.Greeter::later);
	}

	// Declared to return Object: a call's result is asked whether it is a future.
	@Test
	void endsSpanWhenFutureReturnedAsObjectCompletes() {
		endsSpanWhenFutureCompletes("Greeter.laterAsObject", TracedBeans.Greeter::laterAsObject);
	}

	private void endsSpanWhenFutureCompletes(String spanName,
			BiFunction<TracedBeans.Greeter, CompletableFuture<String>, Object> call) {
		this.contextRunner.run((context) -> {
			CompletableFuture<String> result = new CompletableFuture<>();
			assertThat(call.apply(context.getBean(TracedBeans.Greeter.class), result)).isSameAs(result);
			assertThat(InMemorySpans.spans(context)).isEmpty();
			result.complete("done");
			assertThat(InMemorySpans.span(context, spanName).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void endsSpanOfMethodReturningAPrimitiveWhenItReturns() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(TracedBeans.Greeter.class).count()).isEqualTo(42);
			assertThat(InMemorySpans.span(context, "Greeter.count")).isNotNull();
		});
	}

	@Test
	void onlyReturnTypesThatMayHoldAStageHaveTheirResultsAsked() {
		assertThat(TracedMethod.mayReturnStage(long.class)).isFalse();
		assertThat(TracedMethod.mayReturnStage(void.class)).isFalse();
		assertThat(TracedMethod.mayReturnStage(String.class)).isFalse();
		assertThat(TracedMethod.mayReturnStage(Long.class)).isFalse();
		assertThat(TracedMethod.mayReturnStage(long[].class)).isFalse();
		assertThat(TracedMethod.mayReturnStage(CompletableFuture.class)).isTrue();
		assertThat(TracedMethod.mayReturnStage(CompletionStage.class)).isTrue();
		assertThat(TracedMethod.mayReturnStage(Future.class)).isTrue();
		assertThat(TracedMethod.mayReturnStage(Object.class)).isTrue();
		assertThat(TracedMethod.mayReturnStage(Mono.class)).isTrue();
	}

	@Test
	void endsSpanWhenMonoCompletes() {
		this.contextRunner.run((context) -> {
			Sinks.One<String> sink = Sinks.one();
			Mono<String> result = context.getBean(TracedBeans.Greeter.class).mono(sink.asMono());
			assertThat(InMemorySpans.spans(context)).isEmpty();
			StepVerifier.create(result).then(() -> {
				assertThat(InMemorySpans.spans(context)).isEmpty();
				sink.tryEmitValue("done");
			}).expectNext("done").verifyComplete();
			assertThat(InMemorySpans.span(context, "Greeter.mono").getStatus().getStatusCode())
				.isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void recordsErrorSignalledByMono() {
		this.contextRunner.run((context) -> {
			Mono<String> result = context.getBean(TracedBeans.Greeter.class)
				.mono(Mono.error(new IllegalStateException("reactive failure")));
			StepVerifier.create(result).verifyErrorMessage("reactive failure");
			SpanData span = InMemorySpans.span(context, "Greeter.mono");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
				.isEqualTo("reactive failure");
		});
	}

	@Test
	void endsSpanWhenFluxIsCancelled() {
		this.contextRunner.run((context) -> {
			Flux<String> result = context.getBean(TracedBeans.Greeter.class)
				.flux(Flux.just("a", "b").concatWith(Flux.never()));
			StepVerifier.create(result).expectNext("a", "b").thenCancel().verify();
			assertThat(InMemorySpans.span(context, "Greeter.flux").getStatus().getStatusCode())
				.isEqualTo(StatusCode.UNSET);
		});
	}

	@Test
	void recordsFailureOfFuture() {
		this.contextRunner.run((context) -> {
			CompletableFuture<String> result = new CompletableFuture<>();
			context.getBean(TracedBeans.Greeter.class).later(result);
			result.completeExceptionally(new CompletionException(new IllegalStateException("late failure")));
			SpanData span = InMemorySpans.span(context, "Greeter.later");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
				.isEqualTo("late failure");
		});
	}

	@Test
	void nestsCallsThroughProxies() {
		this.contextRunner.run((context) -> {
			TracedBeans.Greeter greeter = context.getBean(TracedBeans.Greeter.class);
			greeter.outer(greeter);
			SpanData outer = InMemorySpans.span(context, "Greeter.outer");
			SpanData inner = InMemorySpans.span(context, "Greeter.greet");
			assertThat(inner.getParentSpanId()).isEqualTo(outer.getSpanId());
			assertThat(inner.getTraceId()).isEqualTo(outer.getTraceId());
		});
	}

	@Test
	void tracesPublicMethodsOfTracedType() {
		this.contextRunner.run((context) -> {
			TracedBeans.TracedType bean = context.getBean(TracedBeans.TracedType.class);
			bean.first();
			bean.packagePrivate();
			bean.toString();
			assertThat(InMemorySpans.spans(context)).extracting(SpanData::getName).containsExactly("TracedType.first");
		});
	}

	@Test
	void namesInheritedMethodAfterTheClassOfEachTarget() {
		this.contextRunner.withBean(TracedBeans.CleanupJob.class)
			.withBean(TracedBeans.ReportJob.class)
			.run((context) -> {
				TracedBeans.Job cleanup = context.getBean(TracedBeans.CleanupJob.class);
				TracedBeans.Job report = context.getBean(TracedBeans.ReportJob.class);
				cleanup.run();
				report.run();
				report.run();
				cleanup.run();
				assertThat(InMemorySpans.spans(context)).extracting(SpanData::getName)
					.containsExactly("CleanupJob.run", "ReportJob.run", "ReportJob.run", "CleanupJob.run");
			});
	}

	@Test
	void tracesAnnotationOnInterfaceMethodOfCglibProxy() {
		this.contextRunner.run(this::assertRepositoryTraced);
	}

	@Test
	void tracesInterfaceBasedProxy() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			assertThat(AopUtils.isJdkDynamicProxy(context.getBean(TracedBeans.Repository.class))).isTrue();
			assertRepositoryTraced(context);
		});
	}

	private void assertRepositoryTraced(org.springframework.context.ApplicationContext context) {
		TracedBeans.Repository repository = context.getBean(TracedBeans.Repository.class);
		assertThat(repository.find(42)).isEqualTo("row 42");
		assertThat(InMemorySpans.span(context, "Repository.find").getAttributes().get(AttributeKey.stringKey("id")))
			.isEqualTo("42");
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> repository.findAsync(7).toCompletableFuture().join());
		SpanData async = InMemorySpans.span(context, "JdbcRepository.findAsync");
		assertThat(async.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(async.getStatus().getDescription()).isEqualTo("gone 7");
	}

}
