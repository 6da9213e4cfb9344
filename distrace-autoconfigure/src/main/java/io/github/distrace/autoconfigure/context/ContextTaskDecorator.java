package io.github.distrace.autoconfigure.context;

import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;

/**
 * Runs each task in the OpenTelemetry context of the thread that submitted it, around the
 * executor's own decorator if it has one, so that one sees the context as well.
 *
 * @author distrace
 */
final class ContextTaskDecorator implements TaskDecorator {

	private final @Nullable TaskDecorator delegate;

	ContextTaskDecorator(@Nullable TaskDecorator delegate) {
		this.delegate = delegate;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		Runnable decorated = (this.delegate != null) ? this.delegate.decorate(runnable) : runnable;
		return Context.current().wrap(decorated);
	}

}
