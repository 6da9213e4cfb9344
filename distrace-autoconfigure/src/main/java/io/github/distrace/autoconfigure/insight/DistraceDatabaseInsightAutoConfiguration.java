package io.github.distrace.autoconfigure.insight;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.DatabaseInsightListener;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of database insight: per-request query totals and N+1 detection,
 * read from the query spans by a span processor that the SDK auto-configuration adds to
 * the tracer provider, and the optional {@code Server-Timing} header.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnClass(name = { "io.opentelemetry.sdk.OpenTelemetrySdk",
		// Experimental in the SDK: without it there is no way to change a span as it
		// ends.
		"io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor" })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DistraceNPlusOneProperties.class)
public final class DistraceDatabaseInsightAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DatabaseInsightSpanProcessor distraceDatabaseInsightSpanProcessor(DistraceNPlusOneProperties properties,
			ObjectProvider<ApplicationEventPublisher> publisher, ObjectProvider<DatabaseInsightListener> listeners) {
		return new DatabaseInsightSpanProcessor(properties, new NPlusOneReporter(publisher::getIfAvailable),
				listeners.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(FilterRegistrationBean.class)
	@ConditionalOnBooleanProperty(name = "distrace.web.server-timing")
	static class ServerTimingConfiguration {

		/**
		 * Order of the filter: right inside the server span's filter
		 * ({@code HIGHEST_PRECEDENCE}), so that the server span is current.
		 */
		static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

		@Bean
		FilterRegistrationBean<ServerTimingFilter> distraceServerTimingFilter(DatabaseInsightSpanProcessor insight) {
			FilterRegistrationBean<ServerTimingFilter> registration = new FilterRegistrationBean<>(
					new ServerTimingFilter(insight));
			registration.setOrder(FILTER_ORDER);
			// Asynchronous requests write their body in an async dispatch.
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	@ConditionalOnBooleanProperty(name = "distrace.web.server-timing")
	static class ReactiveServerTimingConfiguration {

		@Bean
		ServerTimingWebFilter distraceServerTimingWebFilter(DatabaseInsightSpanProcessor insight) {
			return new ServerTimingWebFilter(insight);
		}

	}

}
