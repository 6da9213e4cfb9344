package io.github.distrace.autoconfigure.sdk;

import java.util.Collection;
import java.util.function.Function;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * An exporter that is built anew when Spring Boot reloads its SSL bundle
 * ({@code spring.ssl.bundle.*.reload-on-update}), since OpenTelemetry's exporters take
 * their SSL context once, when they are built. The export in flight finishes on the
 * previous exporter, which is shut down after it.
 *
 * @author distrace
 */
final class SslReloadingSpanExporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(SslReloadingSpanExporter.class);

	private final Function<SslBundle, SpanExporter> factory;

	private final Object lock = new Object();

	private SpanExporter current;

	private CompletableResultCode lastExport = CompletableResultCode.ofSuccess();

	SslReloadingSpanExporter(SslBundle bundle, Function<SslBundle, SpanExporter> factory) {
		this.factory = factory;
		this.current = factory.apply(bundle);
	}

	/**
	 * Build the exporter again with the reloaded bundle; keep the previous one if that
	 * fails.
	 * @param bundle the reloaded bundle
	 */
	void reload(SslBundle bundle) {
		SpanExporter reloaded;
		try {
			reloaded = this.factory.apply(bundle);
		}
		catch (RuntimeException ex) {
			logger.warn("The SSL bundle of distrace.otlp.ssl.bundle was reloaded, but the OTLP exporter could not "
					+ "use it and goes on with the previous one: " + ex);
			return;
		}
		SpanExporter previous;
		CompletableResultCode inFlight;
		synchronized (this.lock) {
			previous = this.current;
			inFlight = this.lastExport;
			this.current = reloaded;
		}
		inFlight.whenComplete(previous::shutdown);
		logger.info("The OTLP exporter uses the reloaded SSL bundle of distrace.otlp.ssl.bundle");
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		// The exporters only start the request here: holding the lock is short.
		synchronized (this.lock) {
			CompletableResultCode result = this.current.export(spans);
			this.lastExport = result;
			return result;
		}
	}

	@Override
	public CompletableResultCode flush() {
		return current().flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return current().shutdown();
	}

	private SpanExporter current() {
		synchronized (this.lock) {
			return this.current;
		}
	}

	@Override
	public String toString() {
		return current().toString();
	}

}
