package io.github.distrace.autoconfigure.web.reactive;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.UntracedPaths;
import io.github.distrace.autoconfigure.web.DistraceWebProperties;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of {@code SERVER} spans for Spring WebFlux: a {@link WebFilter}
 * ordered first, under the same {@code distrace.web} properties as the servlet filter. A
 * bean named {@code distraceServerSpanWebFilter} of your own replaces it. The span
 * reaches the handlers through Reactor's automatic context propagation, which distrace's
 * context auto-configuration turns on when Micrometer's context propagation library is
 * present (the starter brings it); without it the server span is still made.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, Mono.class })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.web.enabled", matchIfMissing = true)
@ConditionalOnBean({ OpenTelemetry.class, Tracer.class })
@EnableConfigurationProperties(DistraceWebProperties.class)
public final class DistraceWebFluxServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "distraceServerSpanWebFilter")
	ServerSpanWebFilter distraceServerSpanWebFilter(OpenTelemetry openTelemetry, Tracer tracer,
			DistraceWebProperties properties, ObjectProvider<UntracedPaths> untracedPaths) {
		return new ServerSpanWebFilter(tracer, openTelemetry.getPropagators().getTextMapPropagator(),
				UntracedPaths.withConfigured(properties.getExclude(), untracedPaths), properties.traceResponsePolicy());
	}

}
