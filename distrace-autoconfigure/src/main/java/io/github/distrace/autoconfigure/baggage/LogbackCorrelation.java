package io.github.distrace.autoconfigure.baggage;

import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds the {@link CorrelationTurboFilter} to Logback while the application context runs.
 *
 * @author distrace
 */
final class LogbackCorrelation implements SmartInitializingSingleton, DisposableBean {

	private final CorrelationTurboFilter filter;

	LogbackCorrelation(List<String> baggageKeys) {
		this.filter = new CorrelationTurboFilter(baggageKeys);
	}

	@Override
	public void afterSingletonsInstantiated() {
		LoggerContext context = loggerContext();
		if (context != null) {
			this.filter.start();
			context.addTurboFilter(this.filter);
		}
	}

	@Override
	public void destroy() {
		LoggerContext context = loggerContext();
		if (context != null) {
			context.getTurboFilterList().remove(this.filter);
		}
		this.filter.stop();
	}

	private static @Nullable LoggerContext loggerContext() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return (factory instanceof LoggerContext context) ? context : null;
	}

}
