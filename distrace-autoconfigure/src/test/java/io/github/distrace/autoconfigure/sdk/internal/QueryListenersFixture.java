package io.github.distrace.autoconfigure.sdk.internal;

import java.util.function.Consumer;

import io.opentelemetry.sdk.trace.ReadableSpan;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Benchmark fixture: what database insight calls as each query span ends, for
 * {@code JdbcMetricsBenchmark} in the {@code benchmarks} module, which measures the
 * metrics feature's listener alone. Published only in this module's
 * {@code benchmark-fixtures} jar, never in distrace's own jar.
 *
 * @author distrace
 */
public final class QueryListenersFixture {

	private QueryListenersFixture() {
	}

	/**
	 * The application's database insight listener (there is one when metrics are on).
	 * @param context the application's bean factory
	 * @return its call for a query span that is ending
	 */
	public static Consumer<ReadableSpan> of(ListableBeanFactory context) {
		DatabaseInsightListener listener = context.getBean(DatabaseInsightListener.class);
		return listener::queryEnding;
	}

	/**
	 * No listener: the baseline.
	 * @return a call that does nothing
	 */
	public static Consumer<ReadableSpan> none() {
		return (query) -> {
		};
	}

}
