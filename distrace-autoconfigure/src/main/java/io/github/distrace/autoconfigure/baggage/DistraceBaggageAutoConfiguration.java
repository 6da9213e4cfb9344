package io.github.distrace.autoconfigure.baggage;

import ch.qos.logback.classic.LoggerContext;
import io.github.distrace.BaggageService;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.LocalRootContext;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of the {@link BaggageService}, its request scope, and the bridges
 * from baggage and trace context to span attributes and the logging MDC. With
 * {@code distrace.enabled=false} only a no-op {@link BaggageService} is supplied.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@EnableConfigurationProperties(DistraceBaggageProperties.class)
public final class DistraceBaggageAutoConfiguration {

	/**
	 * Order of the filter that gives each request its baggage: right after the filters at
	 * the highest precedence, before anything else that may set baggage.
	 */
	public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDistraceEnabled
	static class BaggageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BaggageService distraceBaggageService() {
			return new OpenTelemetryBaggageService();
		}

		// A consumed message, like a request, keeps the baggage its listener sets.
		@Bean
		@ConditionalOnMissingBean
		LocalRootContext distraceBaggageLocalRootContext() {
			return RequestBaggage::open;
		}

		@Bean
		static ContextPropagatorsPostProcessor distraceContextPropagatorsPostProcessor() {
			return new ContextPropagatorsPostProcessor();
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(OnBaggageSpanAttributesCondition.class)
		BaggageSpanAttributesProcessor distraceBaggageSpanAttributesProcessor(DistraceBaggageProperties properties) {
			return new BaggageSpanAttributesProcessor(properties.getSpanAttributes());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDistraceEnabled
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceRequestBaggageFilter")
		FilterRegistrationBean<RequestBaggageFilter> distraceRequestBaggageFilter() {
			FilterRegistrationBean<RequestBaggageFilter> registration = new FilterRegistrationBean<>(
					new RequestBaggageFilter());
			registration.setOrder(FILTER_ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDistraceEnabled
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceRequestBaggageWebFilter")
		RequestBaggageWebFilter distraceRequestBaggageWebFilter() {
			return new RequestBaggageWebFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDistraceEnabled
	@ConditionalOnClass(LoggerContext.class)
	static class LogbackConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LogbackCorrelation distraceLogbackCorrelation(DistraceBaggageProperties properties) {
			return new LogbackCorrelation(properties.getMdc());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "distrace.enabled", havingValue = false)
	static class DisabledConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BaggageService distraceNoopBaggageService() {
			return new NoopBaggageService();
		}

	}

}
