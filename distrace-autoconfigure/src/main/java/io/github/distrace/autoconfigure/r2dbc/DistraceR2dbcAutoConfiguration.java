package io.github.distrace.autoconfigure.r2dbc;

import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of query spans for every R2DBC {@link ConnectionFactory} bean. The
 * {@code distrace.jdbc.*} settings of statements (text, sqlcommenter, slow threshold)
 * apply to them, so that one application's SQL is recorded alike whatever its driver API.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnClass({ ConnectionFactory.class, Mono.class, ProxyFactory.class, Tracer.class })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.r2dbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DistraceJdbcProperties.class)
public final class DistraceR2dbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ConnectionFactoryTracingPostProcessor distraceConnectionFactoryTracingPostProcessor(
			ObjectProvider<Tracer> tracer, ObjectProvider<OpenTelemetry> openTelemetry,
			ObjectProvider<DistraceJdbcProperties> properties) {
		return new ConnectionFactoryTracingPostProcessor(tracer, openTelemetry, properties);
	}

}
