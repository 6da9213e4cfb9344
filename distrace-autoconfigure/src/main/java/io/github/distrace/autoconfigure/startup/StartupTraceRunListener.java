package io.github.distrace.autoconfigure.startup;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Traces a {@link SpringApplication}'s start-up, from the moment it starts until it is
 * ready (its runners included) or has failed, as one {@link StartupSpan}. Only an
 * application started through {@code SpringApplication} has these stages; a context
 * refreshed by hand gets no start-up trace.
 *
 * @author distrace
 */
class StartupTraceRunListener implements SpringApplicationRunListener {

	static final String ENABLED = "distrace.startup.enabled";

	// Made as the application starts to run, just before its first stage.
	private final Instant started = Instant.now();

	private @Nullable StartupSpan span;

	StartupTraceRunListener(SpringApplication application, String[] args) {
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		Environment environment = context.getEnvironment();
		if (environment.getProperty("distrace.enabled", Boolean.class, true)
				&& environment.getProperty(ENABLED, Boolean.class, true)) {
			StartupSpan span = new StartupSpan(this.started, Thread.currentThread());
			context.getBeanFactory().addBeanPostProcessor(span);
			this.span = span;
		}
	}

	@Override
	public void ready(ConfigurableApplicationContext context, @Nullable Duration timeTaken) {
		end(null);
	}

	@Override
	public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
		end(exception);
	}

	private void end(@Nullable Throwable exception) {
		StartupSpan span = this.span;
		if (span != null) {
			this.span = null;
			span.end(exception);
		}
	}

}
