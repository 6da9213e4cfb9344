package io.github.distrace.autoconfigure.aspect;

import io.github.distrace.autoconfigure.InMemorySpans;
import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.NameMatchMethodPointcut;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DistraceAspectAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DistraceSdkAutoConfiguration.class,
				DistraceAspectAutoConfiguration.class))
		.withUserConfiguration(InMemorySpans.class)
		.withBean(TracedBeans.Greeter.class)
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("distraceTracedAdvisor")
				.hasBean("distraceScheduledAdvisor")
				.doesNotHaveBean(TracedAspectBinding.class);
			assertThat(AopUtils.isAopProxy(context.getBean(TracedBeans.Greeter.class))).isTrue();
		});
	}

	@Test
	void shouldSupplyAspectBindingInAspectJMode(CapturedOutput output) {
		this.contextRunner.withPropertyValues("distrace.aspect.mode=aspectj").run((context) -> {
			assertThat(context).hasSingleBean(TracedAspectBinding.class)
				.doesNotHaveBean("distraceTracedAdvisor")
				.hasBean("distraceScheduledAdvisor");
			assertThat(AopUtils.isAopProxy(context.getBean(TracedBeans.Greeter.class))).isFalse();
		});
		// These tests run without AspectJ's agent (TracedAspectLoadTimeWeavingTests runs
		// with it).
		assertThat(output).contains("distrace.aspect.mode=aspectj, but AspectJ's weaving agent is not running, "
				+ "so no @Traced method is traced");
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.aspect.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(Advisor.class);
			context.getBean(TracedBeans.Greeter.class).greet("x");
			assertThat(InMemorySpans.spans(context)).isEmpty();
		});
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Advisor.class)
				.doesNotHaveBean(DistraceAspectProperties.class));
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.contextRunner.withUserConfiguration(UserAdvisorConfiguration.class).run((context) -> {
			assertThat(context.getBean("distraceTracedAdvisor")).isSameAs(UserAdvisorConfiguration.ADVISOR);
			context.getBean(TracedBeans.Greeter.class).greet("x");
			assertThat(InMemorySpans.spans(context)).isEmpty();
		});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withPropertyValues("distrace.aspect.mode=aspectj")
			.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAspectBinding.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAdvisorConfiguration {

		// Matches no method: the user's advisor replaces distrace's.
		static final Advisor ADVISOR = new DefaultPointcutAdvisor(new NameMatchMethodPointcut(),
				(MethodInterceptor) MethodInvocation::proceed);

		@Bean
		static Advisor distraceTracedAdvisor() {
			return ADVISOR;
		}

	}

}
