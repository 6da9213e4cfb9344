package io.github.distrace.autoconfigure.aspect;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.aop.Advisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the {@link io.github.distrace.Traced @Traced} aspect: Spring AOP
 * advisors by default, or the AspectJ aspect for load-time weaving.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration")
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.aspect.enabled", matchIfMissing = true)
@ConditionalOnClass(Advisor.class)
@EnableConfigurationProperties(DistraceAspectProperties.class)
public final class DistraceAspectAutoConfiguration {

	// A MethodInterceptor advisor costs less per call than an AspectJ @Around advice run
	// by Spring AOP (see docs/tracing-your-code.md), so it is the default.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "distrace.aspect.mode", havingValue = "proxy", matchIfMissing = true)
	@Import(AutoProxyRegistrar.class)
	static class ProxyConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean(name = "distraceTracedAdvisor")
		static Advisor distraceTracedAdvisor(ObjectProvider<Tracer> tracer) {
			MethodSpans spans = new MethodSpans(SingletonSupplier.of(tracer::getObject), TracedMethod::forTraced);
			return new DefaultPointcutAdvisor(new TracedPointcut(), new SpanningMethodInterceptor(spans));
		}

	}

	// In both modes: scheduled runs are called through the scheduler, so a proxy sees
	// them.
	@Configuration(proxyBeanMethods = false)
	@Import(AutoProxyRegistrar.class)
	static class ScheduledConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		@ConditionalOnMissingBean(name = "distraceScheduledAdvisor")
		static Advisor distraceScheduledAdvisor(ObjectProvider<Tracer> tracer) {
			MethodSpans spans = new MethodSpans(SingletonSupplier.of(tracer::getObject), TracedMethod::forScheduledRun);
			ComposablePointcut scheduled = new ComposablePointcut(
					AnnotationMatchingPointcut.forMethodAnnotation(Scheduled.class))
				.union(AnnotationMatchingPointcut.forMethodAnnotation(Schedules.class));
			return new DefaultPointcutAdvisor(scheduled, new SpanningMethodInterceptor(spans));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "distrace.aspect.mode", havingValue = "aspectj")
	@ConditionalOnClass(name = "org.aspectj.lang.ProceedingJoinPoint")
	static class AspectJConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracedAspectBinding distraceTracedAspectBinding(ObjectProvider<Tracer> tracer) {
			return new TracedAspectBinding(
					new MethodSpans(SingletonSupplier.of(tracer::getObject), TracedMethod::forTraced));
		}

	}

	/**
	 * Makes sure advisors are applied even when Spring Boot's AOP auto-configuration is
	 * switched off, as {@code @EnableTransactionManagement} does.
	 */
	static class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		}

	}

}
