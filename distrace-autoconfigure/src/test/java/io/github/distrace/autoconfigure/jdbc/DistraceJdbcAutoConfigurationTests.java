package io.github.distrace.autoconfigure.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceJdbcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceJdbcAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DataSourceTracingPostProcessor.class)
				.hasSingleBean(DistraceJdbcProperties.class)
				.hasSingleBean(HikariDataSource.class);
			assertThat(DataSourceTracingPostProcessor.isTraced(context.getBean(DataSource.class))).isTrue();
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.jdbc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DataSourceTracingPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(DataSource.class))).isFalse();
		});
		this.contextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DataSourceTracingPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(DataSource.class))).isFalse();
		});
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserPostProcessorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(DataSourceTracingPostProcessor.class);
			assertThat(context.getBean(DataSourceTracingPostProcessor.class))
				.isSameAs(context.getBean("userPostProcessor"));
		});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DataSourceTracingPostProcessor.class)
				.doesNotHaveBean(DistraceJdbcProperties.class));
	}

	@Test
	void invalidStatementModeStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("distrace.jdbc.statement=everything")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("distrace.jdbc.statement")
				.hasStackTraceContaining("everything"));
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues("distrace.jdbc.statement=raw", "distrace.jdbc.sqlcommenter=true",
					"distrace.jdbc.connection-spans=true", "distrace.jdbc.transaction-spans=true")
			.run((context) -> {
				DistraceJdbcProperties properties = context.getBean(DistraceJdbcProperties.class);
				assertThat(properties.getStatement()).isEqualTo(DistraceJdbcProperties.StatementMode.RAW);
				assertThat(properties.isSqlcommenter()).isTrue();
				assertThat(properties.isConnectionSpans()).isTrue();
				assertThat(properties.isTransactionSpans()).isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPostProcessorConfiguration {

		@Bean
		static DataSourceTracingPostProcessor userPostProcessor(ObjectProvider<Tracer> tracer,
				ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<DistraceJdbcProperties> properties) {
			return new DataSourceTracingPostProcessor(tracer, openTelemetry, properties);
		}

	}

}
