package io.github.distrace.autoconfigure.ui.otlp;

import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.ui.DistraceUiAutoConfiguration;
import io.github.distrace.autoconfigure.ui.DistraceUiProperties;
import io.github.distrace.autoconfigure.ui.TraceStore;
import io.opentelemetry.sdk.trace.SpanLimits;
import jakarta.servlet.http.HttpServlet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the embedded viewer's OTLP/HTTP receiver at
 * {@code {distrace.ui.path}/v1/traces}: spans that other local services send join the
 * viewer's {@link TraceStore}. On whenever the viewer is.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceUiAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpServlet.class)
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty("distrace.ui.enabled")
@ConditionalOnBean({ TraceStore.class, DistraceUiProperties.class })
public final class DistraceOtlpReceiverAutoConfiguration {

	// Spans received over OTLP get the same default limits as this application's own.
	private static final SpanLimits DEFAULT_LIMITS = SpanLimits.builder().setMaxAttributeValueLength(4096).build();

	@Bean
	ServletRegistrationBean<OtlpReceiverServlet> distraceOtlpReceiverServlet(TraceStore store,
			DistraceUiProperties properties, ObjectProvider<SpanLimits> spanLimits) {
		OtlpTraceDecoder decoder = new OtlpTraceDecoder(spanLimits.getIfAvailable(() -> DEFAULT_LIMITS));
		OtlpIngestion ingestion = new OtlpIngestion(store, decoder, (int) properties.getMaxRequestSize().toBytes());
		ServletRegistrationBean<OtlpReceiverServlet> registration = new ServletRegistrationBean<>(
				new OtlpReceiverServlet(ingestion, properties.isAllowRemote()), properties.getPath() + "/v1/traces");
		registration.setName("distraceOtlpReceiver");
		return registration;
	}

}
