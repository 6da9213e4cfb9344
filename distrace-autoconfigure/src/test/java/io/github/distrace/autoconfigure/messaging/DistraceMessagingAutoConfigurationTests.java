package io.github.distrace.autoconfigure.messaging;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceMessagingAutoConfigurationTests {

	private static final RecordInterceptor<Object, Object> USER_RECORD_INTERCEPTOR = (record, consumer) -> record;

	private static final BatchInterceptor<Object, Object> USER_BATCH_INTERCEPTOR = (records, consumer) -> records;

	private static final MethodInterceptor USER_ADVICE = (invocation) -> invocation.proceed();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceKafkaAutoConfiguration.class, DistraceRabbitAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(KafkaTracingPostProcessor.class)
			.hasSingleBean(RabbitTracingPostProcessor.class)
			.hasSingleBean(DistraceMessagingProperties.class));
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.messaging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTracingPostProcessor.class)
				.doesNotHaveBean(RabbitTracingPostProcessor.class));
		this.contextRunner.withPropertyValues("distrace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KafkaTracingPostProcessor.class)
				.doesNotHaveBean(RabbitTracingPostProcessor.class));
	}

	@Test
	void shouldNotSupplyBeansIfALibraryIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.kafka"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KafkaTracingPostProcessor.class)
				.hasSingleBean(RabbitTracingPostProcessor.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.amqp"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(KafkaTracingPostProcessor.class)
				.doesNotHaveBean(RabbitTracingPostProcessor.class));
	}

	@Test
	void shouldKeepTheApplicationsInterceptorsAndAdvice() {
		this.contextRunner.withUserConfiguration(UserFactoriesConfiguration.class).run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> kafka = context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			assertThat(kafka.getRecordInterceptor()).isInstanceOfSatisfying(TracingRecordInterceptor.class,
					(traced) -> assertThat(traced.delegate()).isSameAs(USER_RECORD_INTERCEPTOR));
			assertThat(kafka.getBatchInterceptor()).isInstanceOfSatisfying(TracingBatchInterceptor.class,
					(traced) -> assertThat(traced.delegate()).isSameAs(USER_BATCH_INTERCEPTOR));
			SimpleRabbitListenerContainerFactory rabbit = context.getBean(SimpleRabbitListenerContainerFactory.class);
			assertThat(rabbit.getAdviceChain()).hasSize(2);
			assertThat(rabbit.getAdviceChain()[0]).isInstanceOf(TracingListenerAdvice.class);
			assertThat(rabbit.getAdviceChain()[1]).isSameAs(USER_ADVICE);
			assertThat(context.getBean(ProducerFactory.class).getPostProcessors()).hasSize(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactoriesConfiguration {

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory() {
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setRecordInterceptor(USER_RECORD_INTERCEPTOR);
			factory.setBatchInterceptor(USER_BATCH_INTERCEPTOR);
			return factory;
		}

		@Bean
		SimpleRabbitListenerContainerFactory rabbitListenerContainerFactory() {
			SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
			factory.setAdviceChain(USER_ADVICE);
			return factory;
		}

		@Bean
		DefaultKafkaProducerFactory<Object, Object> producerFactory() {
			return new DefaultKafkaProducerFactory<>(java.util.Map.of());
		}

	}

}
