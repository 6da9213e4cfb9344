package io.github.distrace.autoconfigure.web;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceWebServerAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceWebServerAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DistraceWebProperties.class).hasBean("distraceServerSpanFilter");
			FilterRegistrationBean<?> registration = context.getBean("distraceServerSpanFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(ServerSpanFilter.class);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
			assertThat(registration.isAsyncSupported()).isTrue();
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC);
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("distraceServerSpanFilter"));
	}

	@Test
	void shouldBackOffWhenDistraceIsDisabled() {
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("distraceServerSpanFilter"));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserFilterConfiguration.class).run((context) -> {
			assertThat(context).hasBean("distraceServerSpanFilter");
			assertThat(context.getBean("distraceServerSpanFilter", FilterRegistrationBean.class).getFilter())
				.isInstanceOf(CharacterEncodingFilter.class);
		});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean("distraceServerSpanFilter"));
	}

	@Test
	void shouldNotSupplyBeansIfSdkIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenTelemetrySdk.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("distraceServerSpanFilter"));
	}

	@Test
	void shouldNotSupplyBeansOutsideServletApplications() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceWebServerAutoConfiguration.class))
			.withPropertyValues("distrace.exporter=none")
			.run((context) -> assertThat(context).doesNotHaveBean("distraceServerSpanFilter"));
	}

	@Test
	void relativeExcludePatternStopsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("distrace.web.exclude=/actuator/**,internal/**")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("distrace.web.exclude[1]")
				.hasMessageContaining("internal/**")
				.hasMessageContaining("must be a path pattern starting with '/'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FilterRegistrationBean<CharacterEncodingFilter> distraceServerSpanFilter() {
			return new FilterRegistrationBean<>(new CharacterEncodingFilter());
		}

	}

}
