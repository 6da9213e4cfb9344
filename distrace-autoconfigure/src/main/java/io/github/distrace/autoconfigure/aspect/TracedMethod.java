package io.github.distrace.autoconfigure.aspect;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import io.github.distrace.SpanTag;
import io.github.distrace.Traced;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.util.ClassUtils;

/**
 * What a span of one traced method looks like: resolved once per method from its
 * annotations, so a call only reads it.
 *
 * @author distrace
 */
final class TracedMethod {

	private final String name;

	private final SpanKind kind;

	private final boolean root;

	// Attribute key per parameter, null for parameters without @SpanTag.
	private final @Nullable String[] tagKeys;

	// Whether any parameter has a @SpanTag: if none, a call's arguments are not read.
	private final boolean tagged;

	// Whether a call may return a CompletionStage, decided from the method's return type
	// once: a call that cannot (a number, a String, a record) is not asked, a check that
	// scans the result's interfaces on Java 17 (about 30 ns a call).
	private final boolean mayReturnStage;

	private TracedMethod(String name, SpanKind kind, boolean root, @Nullable String[] tagKeys, Class<?> returnType) {
		this.name = name;
		this.kind = kind;
		this.root = root;
		this.tagKeys = tagKeys;
		this.tagged = Arrays.stream(tagKeys).anyMatch(Objects::nonNull);
		this.mayReturnStage = mayReturnStage(returnType);
	}

	/**
	 * Describes a method annotated with {@link Traced @Traced}, on the method (or a
	 * method it overrides or implements) or on the type for a public method.
	 * @param method the invoked method, possibly declared by an interface
	 * @param targetClass the class of the target object
	 * @return the description, or {@code null} if the method is not traced
	 */
	static @Nullable TracedMethod forTraced(Method method, Class<?> targetClass) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Method specific = ClassUtils.getMostSpecificMethod(method, userClass);
		Traced traced = AnnotatedElementUtils.findMergedAnnotation(specific, Traced.class);
		if (traced == null && Modifier.isPublic(specific.getModifiers())
				&& specific.getDeclaringClass() != Object.class) {
			traced = AnnotatedElementUtils.findMergedAnnotation(userClass, Traced.class);
		}
		if (traced == null) {
			return null;
		}
		String name = traced.value().isEmpty() ? defaultName(userClass, specific) : traced.value();
		return new TracedMethod(name, traced.kind(), false, tagKeys(specific), specific.getReturnType());
	}

	/**
	 * Describes a run of a scheduled method: a new trace each time.
	 * @param method the scheduled method
	 * @param targetClass the class of the target object
	 * @return the description
	 */
	static TracedMethod forScheduledRun(Method method, Class<?> targetClass) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		return new TracedMethod(defaultName(userClass, method), SpanKind.INTERNAL, true, new String[0],
				method.getReturnType());
	}

	private static String defaultName(Class<?> type, Method method) {
		String simpleName = type.getSimpleName();
		return (simpleName.isEmpty() ? ClassUtils.getShortName(type) : simpleName) + "." + method.getName();
	}

	private static @Nullable String[] tagKeys(Method method) {
		// AnnotatedMethod also finds @SpanTag declared on an interface's parameter.
		MethodParameter[] parameters = new AnnotatedMethod(method).getMethodParameters();
		@Nullable String[] keys = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			SpanTag tag = parameters[i].getParameterAnnotation(SpanTag.class);
			keys[i] = (tag != null && !tag.value().isEmpty()) ? tag.value() : null;
		}
		return keys;
	}

	/**
	 * Return whether a method declared to return a type may return a
	 * {@link CompletionStage}: not if the type is primitive (boxed by the proxy) or void,
	 * nor if it is a final class that is not one.
	 * @param returnType the method's return type
	 * @return whether its calls' results are to be asked
	 */
	static boolean mayReturnStage(Class<?> returnType) {
		return !returnType.isPrimitive()
				&& (!Modifier.isFinal(returnType.getModifiers()) || CompletionStage.class.isAssignableFrom(returnType));
	}

	String name() {
		return this.name;
	}

	boolean mayReturnStage() {
		return this.mayReturnStage;
	}

	/**
	 * Starts the span of one call, tagged with its arguments.
	 * @param <C> the type of the intercepted call
	 * @param tracer the tracer
	 * @param call the intercepted call
	 * @param calls how to read the call's arguments
	 * @return the started span
	 */
	<C> Span startSpan(Tracer tracer, C call, MethodSpans.Calls<C> calls) {
		SpanBuilder builder = tracer.spanBuilder(this.name).setSpanKind(this.kind);
		if (this.root) {
			builder.setNoParent();
		}
		if (this.tagged) {
			tag(builder, calls.arguments(call));
		}
		return builder.startSpan();
	}

	private void tag(SpanBuilder builder, @Nullable Object[] args) {
		int count = Math.min(this.tagKeys.length, args.length);
		for (int i = 0; i < count; i++) {
			String key = this.tagKeys[i];
			Object arg = args[i];
			if (key != null && arg != null) {
				builder.setAttribute(key, String.valueOf(arg));
			}
		}
	}

}
