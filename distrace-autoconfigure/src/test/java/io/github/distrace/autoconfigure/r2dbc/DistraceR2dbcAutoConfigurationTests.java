package io.github.distrace.autoconfigure.r2dbc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.distrace.autoconfigure.jdbc.DistraceJdbcProperties;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceR2dbcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceR2dbcAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none", "distrace.startup.enabled=false")
		.withBean(ConnectionFactory.class, () -> ConnectionFactories.get("r2dbc:h2:mem:///distrace_r2dbc_config"));

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ConnectionFactoryTracingPostProcessor.class)
				.hasSingleBean(DistraceJdbcProperties.class);
			assertThat(ConnectionFactoryTracingPostProcessor.isTraced(context.getBean(ConnectionFactory.class)))
				.isTrue();
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.r2dbc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ConnectionFactoryTracingPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(ConnectionFactory.class))).isFalse();
		});
		this.contextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ConnectionFactoryTracingPostProcessor.class);
			assertThat(AopUtils.isAopProxy(context.getBean(ConnectionFactory.class))).isFalse();
		});
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserPostProcessorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ConnectionFactoryTracingPostProcessor.class);
			assertThat(context.getBean(ConnectionFactoryTracingPostProcessor.class))
				.isSameAs(context.getBean("userPostProcessor"));
		});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConnectionFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConnectionFactoryTracingPostProcessor.class));
	}

	@Test
	void statementCarriesTheTraceContextInAnSqlCommentWhenOn() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		List<String> sent = new CopyOnWriteArrayList<>();
		// The statements the driver gets, below distrace's wrapper.
		ConnectionFactory recording = ProxyConnectionFactory
			.builder(ConnectionFactories.get("r2dbc:h2:mem:///distrace_r2dbc_comments"))
			.onBeforeQuery((execution) -> execution.getQueries().forEach((query) -> sent.add(query.getQuery())))
			.build();
		this.contextRunner.withPropertyValues("distrace.jdbc.sqlcommenter=true")
			.withBean("recordingConnectionFactory", ConnectionFactory.class, () -> recording)
			.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(exporter))
			.run((context) -> {
				DatabaseClient client = DatabaseClient
					.create(context.getBean("recordingConnectionFactory", ConnectionFactory.class));
				Span parent = context.getBean(Tracer.class).spanBuilder("parent").startSpan();
				try (Scope scope = parent.makeCurrent()) {
					assertThat(client.sql("SELECT 1").map((row) -> row.get(0)).one().block()).isNotNull();
				}
				finally {
					parent.end();
				}
				String traceId = parent.getSpanContext().getTraceId();
				assertThat(sent).singleElement()
					.asString()
					.startsWith("SELECT 1 /*traceparent='00-" + traceId + "-")
					.endsWith("'*/");
				SpanData query = exporter.getFinishedSpanItems()
					.stream()
					.filter((span) -> span.getName().equals("SELECT"))
					.findFirst()
					.orElseThrow();
				assertThat(query.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
				assertThat(query.getAttributes().get(DbAttributes.DB_QUERY_TEXT)).isEqualTo("SELECT ?");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPostProcessorConfiguration {

		@Bean
		static ConnectionFactoryTracingPostProcessor userPostProcessor(ObjectProvider<Tracer> tracer,
				ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<DistraceJdbcProperties> properties) {
			return new ConnectionFactoryTracingPostProcessor(tracer, openTelemetry, properties);
		}

	}

}
