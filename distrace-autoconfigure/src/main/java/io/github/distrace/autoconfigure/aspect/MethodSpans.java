package io.github.distrace.autoconfigure.aspect;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.github.distrace.autoconfigure.sdk.internal.RequestTracingCpu;
import io.github.distrace.internal.SpanErrors;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Runs method calls in spans: the part shared by the Spring AOP interceptors and the
 * AspectJ aspect, so that both trace a call the same way.
 *
 * @author distrace
 */
final class MethodSpans {

	// Reactor is optional: its types are touched only when it is present.
	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			MethodSpans.class.getClassLoader());

	private final Supplier<Tracer> tracer;

	private final BiFunction<Method, Class<?>, @Nullable TracedMethod> describer;

	// Keyed by the method alone, so that a call finds its description without making a
	// key object; one entry per method called through the advice.
	private final Map<Method, Descriptions> methods = new ConcurrentHashMap<>();

	MethodSpans(Supplier<Tracer> tracer, BiFunction<Method, Class<?>, @Nullable TracedMethod> describer) {
		this.tracer = tracer;
		this.describer = describer;
	}

	/**
	 * Runs a call in the span its method describes, if any.
	 * @param <C> the type of the intercepted call
	 * @param method the invoked method
	 * @param targetClass the class of the target object
	 * @param call the intercepted call
	 * @param calls how to read and proceed with the call: a constant, so that a call
	 * makes no call-back object
	 * @return what the call returns
	 * @throws Throwable what the call throws, unchanged
	 */
	<C> @Nullable Object invoke(Method method, Class<?> targetClass, C call, Calls<C> calls) throws Throwable {
		long mark = RequestTracingCpu.enter();
		TracedMethod traced = describe(method, targetClass);
		if (traced == null) {
			RequestTracingCpu.exit(mark);
			return calls.proceed(call);
		}
		Span span = traced.startSpan(this.tracer.get(), call, calls);
		Scope scope = span.makeCurrent();
		RequestTracingCpu.exit(mark);
		Object result;
		try {
			result = calls.proceed(call);
		}
		catch (Throwable ex) {
			scope.close();
			SpanErrors.recordWithStatus(span, ex);
			span.end();
			throw ex;
		}
		mark = RequestTracingCpu.enter();
		scope.close();
		try {
			return ended(span, result, traced.mayReturnStage());
		}
		finally {
			RequestTracingCpu.exit(mark);
		}
	}

	private static @Nullable Object ended(Span span, @Nullable Object result, boolean mayReturnStage) {
		if (mayReturnStage && result instanceof CompletionStage<?> stage) {
			endOnCompletion(span, stage);
			return result;
		}
		if (REACTOR_PRESENT && result != null && ReactiveMethodSpans.isPublisher(result)) {
			return ReactiveMethodSpans.endOnTermination(span, result);
		}
		span.end();
		return result;
	}

	// Kept out of invoke, which then stays small enough for the JIT to inline.
	private static void endOnCompletion(Span span, CompletionStage<?> stage) {
		stage.whenComplete((value, ex) -> {
			if (ex != null) {
				SpanErrors.recordWithStatus(span, unwrap(ex));
			}
			span.end();
		});
	}

	private @Nullable TracedMethod describe(Method method, Class<?> targetClass) {
		Descriptions descriptions = this.methods.get(method);
		if (descriptions == null) {
			descriptions = this.methods.computeIfAbsent(method,
					(key) -> new Descriptions(targetClass, this.describer.apply(method, targetClass)));
		}
		return descriptions.get(method, targetClass, this.describer);
	}

	private static Throwable unwrap(Throwable ex) {
		if ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			return ex.getCause();
		}
		return ex;
	}

	/**
	 * How to read and proceed with an intercepted call of type {@code C}.
	 *
	 * @param <C> the type of the intercepted call
	 */
	interface Calls<C> {

		/**
		 * Proceeds with the call.
		 * @param call the intercepted call
		 * @return what the call returns
		 * @throws Throwable what the call throws
		 */
		@Nullable Object proceed(C call) throws Throwable;

		/**
		 * Returns the call's arguments; asked only for methods with tagged parameters.
		 * @param call the intercepted call
		 * @return the arguments
		 */
		@Nullable Object[] arguments(C call);

	}

	/**
	 * The descriptions of one method, per class of target object: a span's name is the
	 * target's class name, so a method inherited by several classes is described once for
	 * each. Nearly always one class calls a method, so the first class's description is
	 * compared by identity, and only others are looked up.
	 */
	private static final class Descriptions {

		private final Class<?> firstClass;

		private final @Nullable TracedMethod first;

		// Optional.empty() caches "not traced".
		private final Map<Class<?>, Optional<TracedMethod>> others = new ConcurrentHashMap<>();

		Descriptions(Class<?> firstClass, @Nullable TracedMethod first) {
			this.firstClass = firstClass;
			this.first = first;
		}

		@Nullable TracedMethod get(Method method, Class<?> targetClass,
				BiFunction<Method, Class<?>, @Nullable TracedMethod> describer) {
			if (targetClass == this.firstClass) {
				return this.first;
			}
			Optional<TracedMethod> described = this.others.get(targetClass);
			if (described == null) {
				described = this.others.computeIfAbsent(targetClass,
						(type) -> Optional.ofNullable(describer.apply(method, type)));
			}
			return described.orElse(null);
		}

	}

}
