package io.github.distrace.autoconfigure.ui;

import java.util.List;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.UntracedPaths;
import jakarta.servlet.http.HttpServlet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration of the embedded trace viewer, off unless {@code distrace.ui.enabled}
 * is {@code true}: a {@link TraceStore} fed by a span processor, and a servlet (in a
 * WebFlux application, a route) serving the viewer and its JSON API at
 * {@code distrace.ui.path}. Its OTLP receiver has an auto-configuration of its own, in
 * {@code ui.otlp}, for servlet applications only.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty("distrace.ui.enabled")
@EnableConfigurationProperties(DistraceUiProperties.class)
public final class DistraceUiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceStore distraceTraceStore(DistraceUiProperties properties) {
		return new TraceStore(properties.getMaxTraces(), properties.getMaxSpansPerTrace(),
				properties.getMaxMemory().toBytes());
	}

	@Bean
	TraceStoreSpanProcessor distraceTraceStoreSpanProcessor(TraceStore store, DistraceUiProperties properties,
			Environment environment) {
		// Server spans record url.path as the client sent it, with the context path.
		String contextPath = environment.getProperty("server.servlet.context-path",
				environment.getProperty("spring.webflux.base-path", ""));
		if (contextPath.endsWith("/")) {
			contextPath = contextPath.substring(0, contextPath.length() - 1);
		}
		return new TraceStoreSpanProcessor(store, contextPath + properties.getPath());
	}

	// The viewer's page polls every few seconds: its requests are not the application's
	// traffic.
	@Bean
	UntracedPaths distraceViewerUntracedPaths(DistraceUiProperties properties) {
		return () -> List.of(properties.getPath() + "/**");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(HttpServlet.class)
	static class ServletViewerConfiguration {

		@Bean
		ServletRegistrationBean<ViewerServlet> distraceViewerServlet(TraceStore store,
				DistraceUiProperties properties) {
			ViewerServlet servlet = new ViewerServlet(store, properties.isAllowRemote());
			ServletRegistrationBean<ViewerServlet> registration = new ServletRegistrationBean<>(servlet,
					properties.getPath() + "/*");
			registration.setName("distraceViewer");
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(RouterFunction.class)
	static class ReactiveViewerConfiguration {

		@Bean
		RouterFunction<ServerResponse> distraceViewerRoute(TraceStore store, DistraceUiProperties properties) {
			return new ReactiveViewer(store, properties.getPath(), properties.isAllowRemote()).route();
		}

	}

}
