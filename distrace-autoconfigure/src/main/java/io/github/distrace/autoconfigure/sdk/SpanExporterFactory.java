package io.github.distrace.autoconfigure.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import javax.net.ssl.X509TrustManager;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the exporters listed in {@code distrace.exporter}, each of those that send spans
 * over the network tracked by {@link ExportOutcomes}.
 *
 * @author distrace
 */
final class SpanExporterFactory {

	static final String TRACES_PATH = "/v1/traces";

	static final String SSL_BUNDLE_PROPERTY = "distrace.otlp.ssl.bundle";

	private final DistraceProperties properties;

	private final MeterProvider meterProvider;

	private final @Nullable SslBundles sslBundles;

	private final ExportOutcomes outcomes;

	SpanExporterFactory(DistraceProperties properties, MeterProvider meterProvider, @Nullable SslBundles sslBundles,
			ExportOutcomes outcomes) {
		this.properties = properties;
		this.meterProvider = meterProvider;
		this.sslBundles = sslBundles;
		this.outcomes = outcomes;
	}

	List<SpanExporter> createExporters() {
		List<SpanExporter> exporters = new ArrayList<>();
		for (ExporterType type : new LinkedHashSet<>(this.properties.getExporter())) {
			switch (type) {
				case OTLP -> exporters.add(otlp(this.properties.getOtlp()));
				case JAEGER -> exporters.add(jaeger(this.properties.getJaeger()));
				case LOGGING -> exporters.add(new LogLineSpanExporter());
				case NONE -> {
				}
			}
		}
		return exporters;
	}

	private SpanExporter otlp(DistraceProperties.Otlp otlp) {
		OpenTelemetryLoggers.demoteExporterFailures();
		String tracesEndpoint = otlp.getTracesEndpoint();
		String endpoint = (tracesEndpoint != null) ? tracesEndpoint.strip() : otlp.getEffectiveEndpoint().strip();
		String url = (otlp.getProtocol() == OtlpProtocol.GRPC || tracesEndpoint != null) ? endpoint
				: tracesUrl(endpoint);
		String bundleName = otlp.getSsl().getBundle();
		if (bundleName == null) {
			return this.outcomes.track("otlp", url, otlp(otlp, url, null));
		}
		SslBundles sslBundles = sslBundles(bundleName);
		SslReloadingSpanExporter exporter = new SslReloadingSpanExporter(sslBundle(sslBundles, bundleName),
				(bundle) -> otlp(otlp, url, bundle));
		sslBundles.addBundleUpdateHandler(bundleName.strip(), exporter::reload);
		return this.outcomes.track("otlp", url, exporter);
	}

	private SpanExporter otlp(DistraceProperties.Otlp otlp, String url, @Nullable SslBundle sslBundle) {
		String compression = otlp.getCompression().toString();
		if (otlp.getProtocol() == OtlpProtocol.GRPC) {
			OtlpGrpcSpanExporterBuilder builder = grpc(url, otlp.getTimeout()).setCompression(compression);
			otlp.getHeaders().forEach(builder::addHeader);
			if (sslBundle != null) {
				builder.setSslContext(sslBundle.createSslContext(), x509TrustManager(sslBundle));
			}
			return builder.build();
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setServiceClassLoader(new JdkHttpSenderPreference(OtlpHttpSpanExporter.class.getClassLoader()))
			.setEndpoint(url)
			.setTimeout(otlp.getTimeout())
			.setCompression(compression)
			.setMeterProvider(this.meterProvider)
			.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST);
		otlp.getHeaders().forEach(builder::addHeader);
		if (sslBundle != null) {
			builder.setSslContext(sslBundle.createSslContext(), x509TrustManager(sslBundle));
		}
		return builder.build();
	}

	private SpanExporter jaeger(DistraceProperties.Jaeger jaeger) {
		OpenTelemetryLoggers.demoteExporterFailures();
		String endpoint = jaeger.getEndpoint().strip();
		return this.outcomes.track("jaeger", endpoint, grpc(endpoint, jaeger.getTimeout()).build());
	}

	private SslBundles sslBundles(String name) {
		if (this.sslBundles == null) {
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE_PROPERTY, name,
					"this application has no SSL bundles (no SslBundles bean)");
		}
		return this.sslBundles;
	}

	private static SslBundle sslBundle(SslBundles sslBundles, String name) {
		try {
			return sslBundles.getBundle(name.strip());
		}
		catch (NoSuchSslBundleException ex) {
			List<String> defined = sslBundles.getBundleNames().stream().sorted().toList();
			String others = defined.isEmpty() ? "" : ", or name one of those defined: " + String.join(", ", defined);
			throw new InvalidConfigurationPropertyValueException(SSL_BUNDLE_PROPERTY, name,
					"no SSL bundle of that name is defined; define it under spring.ssl.bundle.pem." + name.strip()
							+ " or spring.ssl.bundle.jks." + name.strip() + others);
		}
	}

	private static X509TrustManager x509TrustManager(SslBundle bundle) {
		return Arrays.stream(bundle.getManagers().getTrustManagers())
			.filter(X509TrustManager.class::isInstance)
			.map(X509TrustManager.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The SSL bundle named by " + SSL_BUNDLE_PROPERTY + " has no X.509 trust manager"));
	}

	private OtlpGrpcSpanExporterBuilder grpc(String endpoint, Duration timeout) {
		return OtlpGrpcSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(timeout)
			.setMeterProvider(this.meterProvider)
			.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST);
	}

	/**
	 * Return the URL spans are posted to: the base URL plus {@code /v1/traces}, unless
	 * the user already gave the full URL.
	 */
	static String tracesUrl(String endpoint) {
		String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
		return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
	}

}
