package io.github.distrace.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of query spans for every {@link DataSource} bean.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, ProxyFactory.class, Tracer.class })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DistraceJdbcProperties.class)
public final class DistraceJdbcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static DataSourceTracingPostProcessor distraceDataSourceTracingPostProcessor(ObjectProvider<Tracer> tracer,
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<DistraceJdbcProperties> properties) {
		return new DataSourceTracingPostProcessor(tracer, openTelemetry, properties);
	}

}
