package io.github.distrace.autoconfigure.ui;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceUiAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceUiAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none", "distrace.ui.enabled=true");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.withPropertyValues("distrace.ui.path=/traces").run((context) -> {
			assertThat(context).hasSingleBean(TraceStore.class)
				.hasSingleBean(TraceStoreSpanProcessor.class)
				.hasSingleBean(ServletRegistrationBean.class);
			assertThat(context.getBean(ServletRegistrationBean.class).getUrlMappings()).containsExactly("/traces/*");
			context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
			assertThat(context.getBean(TraceStore.class).traces()).singleElement()
				.satisfies((trace) -> assertThat(trace.root().name()).isEqualTo("work"));
		});
	}

	@Test
	void shouldSupplyARouteInAReactiveApplication() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceUiAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none", "distrace.ui.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(TraceStore.class)
				.hasSingleBean(TraceStoreSpanProcessor.class)
				.hasBean("distraceViewerRoute")
				.doesNotHaveBean(ServletRegistrationBean.class));
	}

	@Test
	void shouldLeaveOutTheViewersOwnRequestsUnderTheContextPath() {
		this.contextRunner.withPropertyValues("server.servlet.context-path=/shop").run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			tracer.spanBuilder("GET /distrace/api/traces")
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("url.path", "/shop/distrace/api/traces")
				.startSpan()
				.end();
			tracer.spanBuilder("GET /orders")
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("url.path", "/shop/orders")
				.startSpan()
				.end();
			assertThat(context.getBean(TraceStore.class).traces()).extracting((trace) -> trace.root().name())
				.containsExactly("GET /orders");
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceUiAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceStore.class)
				.doesNotHaveBean(TraceStoreSpanProcessor.class)
				.doesNotHaveBean(ServletRegistrationBean.class));
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceStore.class)
				.doesNotHaveBean(ServletRegistrationBean.class));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserStoreConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TraceStore.class).hasBean("userTraceStore");
			context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
			assertThat(context.getBean(TraceStore.class).size()).isOne();
		});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceUiAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none", "distrace.ui.enabled=true")
			.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("distraceViewerRoute"));
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceUiAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none", "distrace.ui.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceStore.class));
	}

	@Test
	void shouldFailOnInvalidProperties() {
		this.contextRunner
			.withPropertyValues("distrace.ui.path=distrace/", "distrace.ui.max-traces=0",
					"distrace.ui.max-spans-per-trace=-1", "distrace.ui.max-request-size=0", "distrace.ui.max-memory=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.message()
				.contains("distrace.ui.path", "distrace/", "must start with '/'", "distrace.ui.max-traces",
						"distrace.ui.max-spans-per-trace", "distrace.ui.max-request-size", "distrace.ui.max-memory",
						"must be a positive size, such as 64MB"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserStoreConfiguration {

		@Bean
		TraceStore userTraceStore() {
			return new TraceStore(10, 10);
		}

	}

}
