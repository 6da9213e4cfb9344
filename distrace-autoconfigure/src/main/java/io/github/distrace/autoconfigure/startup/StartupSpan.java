package io.github.distrace.autoconfigure.startup;

import java.time.Instant;

import io.github.distrace.DistraceAttributes;
import io.github.distrace.internal.SpanErrors;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.ErrorAttributes;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The span of an application's start-up, named {@value #NAME}, a new trace and a local
 * root. It starts as soon as there is a tracer, with the time the application started,
 * and is current on the thread that starts the application until it is ready, so that
 * what that thread runs meanwhile (schema scripts, migrations, runners warming a cache)
 * nests below it. Other threads (requests served early, listeners, scheduled jobs) start
 * their own traces.
 *
 * @author distrace
 */
final class StartupSpan implements BeanPostProcessor {

	static final String NAME = "application start-up";

	/**
	 * Marks the start-up span, so that database insight does not take a schema script's
	 * statements for an N+1, and the viewer keeps start-up apart from requests.
	 */
	static final AttributeKey<Boolean> STARTUP = DistraceAttributes.STARTUP;

	private final Instant started;

	private final Thread startingThread;

	private @Nullable Span span;

	private @Nullable Scope scope;

	// Once the application is ready, a tracer made later (lazily, by a request) starts no
	// start-up span: nothing would end it.
	private boolean over;

	StartupSpan(Instant started, Thread startingThread) {
		this.started = started;
		this.startingThread = startingThread;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof Tracer tracer && this.span == null) {
			start(tracer);
		}
		return bean;
	}

	private synchronized void start(Tracer tracer) {
		if (this.span != null || this.over) {
			return;
		}
		Span span = tracer.spanBuilder(NAME)
			.setNoParent()
			.setStartTimestamp(this.started)
			.setAttribute(STARTUP, true)
			.startSpan();
		this.span = span;
		// A scope belongs to its thread: the span is current only on the starting thread.
		if (Thread.currentThread() == this.startingThread) {
			this.scope = Context.root().with(span).makeCurrent();
		}
	}

	/**
	 * End the span, once the application is ready or has failed to start.
	 * @param exception why it failed, or {@code null}
	 */
	synchronized void end(@Nullable Throwable exception) {
		this.over = true;
		Span span = this.span;
		if (span == null) {
			return;
		}
		this.span = null;
		if (exception != null) {
			SpanErrors.recordWithStatus(span, exception);
			span.setAttribute(ErrorAttributes.ERROR_TYPE, exception.getClass().getName());
		}
		Scope scope = this.scope;
		if (scope != null && Thread.currentThread() == this.startingThread) {
			scope.close();
		}
		this.scope = null;
		span.end();
	}

}
