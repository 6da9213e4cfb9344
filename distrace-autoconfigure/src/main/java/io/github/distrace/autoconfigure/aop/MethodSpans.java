package io.github.distrace.autoconfigure.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodClassKey;

/**
 * Runs method calls in spans: the part shared by the Spring AOP interceptors and the
 * AspectJ aspect, so that both trace a call the same way.
 *
 * @author distrace
 */
final class MethodSpans {

	private final Supplier<Tracer> tracer;

	private final BiFunction<Method, Class<?>, @Nullable TracedMethod> describer;

	// One entry per method called through the advice; Optional.empty() caches "not traced".
	private final Map<MethodClassKey, Optional<TracedMethod>> methods = new ConcurrentHashMap<>();

	MethodSpans(Supplier<Tracer> tracer, BiFunction<Method, Class<?>, @Nullable TracedMethod> describer) {
		this.tracer = tracer;
		this.describer = describer;
	}

	@Nullable Object invoke(Method method, Class<?> targetClass, @Nullable Object[] args, Call call)
			throws Throwable {
		TracedMethod traced = describe(method, targetClass);
		if (traced == null) {
			return call.proceed();
		}
		Span span = traced.spanBuilder(this.tracer.get(), args).startSpan();
		Object result;
		try (Scope scope = span.makeCurrent()) {
			result = call.proceed();
		}
		catch (Throwable ex) {
			recordError(span, ex);
			span.end();
			throw ex;
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				if (ex != null) {
					recordError(span, unwrap(ex));
				}
				span.end();
			});
		}
		else {
			span.end();
		}
		return result;
	}

	private @Nullable TracedMethod describe(Method method, Class<?> targetClass) {
		return this.methods
			.computeIfAbsent(new MethodClassKey(method, targetClass),
					(key) -> Optional.ofNullable(this.describer.apply(method, targetClass)))
			.orElse(null);
	}

	private static void recordError(Span span, Throwable ex) {
		span.recordException(ex);
		String message = ex.getMessage();
		span.setStatus(StatusCode.ERROR, (message != null) ? message : ex.getClass().getName());
	}

	private static Throwable unwrap(Throwable ex) {
		if ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			return ex.getCause();
		}
		return ex;
	}

	/**
	 * The traced call itself.
	 */
	@FunctionalInterface
	interface Call {

		@Nullable Object proceed() throws Throwable;

	}

}
