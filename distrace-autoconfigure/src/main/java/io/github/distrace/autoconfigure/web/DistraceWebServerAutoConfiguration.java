package io.github.distrace.autoconfigure.web;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.UntracedPaths;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of {@code SERVER} spans for Spring MVC: a servlet filter near the
 * top of the chain, for request and async dispatches. A bean named
 * {@code distraceServerSpanFilter} of your own replaces it.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, FilterRegistrationBean.class })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.web.enabled", matchIfMissing = true)
@ConditionalOnBean({ OpenTelemetry.class, Tracer.class })
@EnableConfigurationProperties(DistraceWebProperties.class)
public final class DistraceWebServerAutoConfiguration {

	/**
	 * Order of the filter: before Spring Boot's own observation filter
	 * ({@code HIGHEST_PRECEDENCE + 1}) and Spring Security, so that every other filter
	 * runs inside the server span.
	 */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

	@Bean
	@ConditionalOnMissingBean(name = "distraceServerSpanFilter")
	FilterRegistrationBean<ServerSpanFilter> distraceServerSpanFilter(OpenTelemetry openTelemetry, Tracer tracer,
			DistraceWebProperties properties, ObjectProvider<UntracedPaths> untracedPaths) {
		ServerSpanFilter filter = new ServerSpanFilter(tracer, openTelemetry.getPropagators().getTextMapPropagator(),
				UntracedPaths.withConfigured(properties.getExclude(), untracedPaths), properties.traceResponsePolicy());
		FilterRegistrationBean<ServerSpanFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
		return registration;
	}

}
