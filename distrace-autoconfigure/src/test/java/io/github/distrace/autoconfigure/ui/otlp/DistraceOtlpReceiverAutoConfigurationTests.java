package io.github.distrace.autoconfigure.ui.otlp;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.ui.DistraceUiAutoConfiguration;
import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceOtlpReceiverAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class, DistraceUiAutoConfiguration.class,
				DistraceOtlpReceiverAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none", "distrace.ui.enabled=true");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.withPropertyValues("distrace.ui.path=/traces")
			.run((context) -> assertThat(
					context.getBean("distraceOtlpReceiverServlet", ServletRegistrationBean.class).getUrlMappings())
				.containsExactly("/traces/v1/traces"));
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.ui.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("distraceOtlpReceiverServlet"));
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("distraceOtlpReceiverServlet"));
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean("distraceOtlpReceiverServlet"));
	}

}
