package io.github.distrace.autoconfigure.redis;

import java.util.List;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.OpenTelemetryContextAccessor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

class DistraceRedisAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DistraceSdkAutoConfiguration.class,
				DistraceRedisAutoConfiguration.class, DataRedisAutoConfiguration.class))
		.withPropertyValues("distrace.exporter=none");

	@Test
	void shouldSupplyBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LettuceTracingCustomizer.class)
				.hasSingleBean(DistraceRedisProperties.class);
			assertThat(context.getBean(ClientResources.class).tracing()).isInstanceOf(LettuceTracing.class);
			assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
				.anySatisfy((accessor) -> assertThat(accessor.key()).isEqualTo(OpenTelemetryContextAccessor.KEY));
		});
	}

	@Test
	void shouldTraceTheConnectionsOfSpringBootsJedisConnectionFactory() {
		this.contextRunner.withPropertyValues("spring.data.redis.client-type=jedis").run((context) -> {
			assertThat(context).hasSingleBean(JedisTracingPostProcessor.class);
			assertThat(context.getBean(RedisConnectionFactory.class)).isInstanceOf(JedisTracingConnectionFactory.class);
		});
	}

	@Test
	void shouldLeaveAJedisConnectionFactoryForAClusterAlone() {
		this.contextRunner.withBean(JedisConnectionFactory.class, () -> {
			JedisConnectionFactory cluster = new JedisConnectionFactory(
					new RedisClusterConfiguration(List.of("127.0.0.1:7000")));
			cluster.setEarlyStartup(false);
			cluster.setAutoStartup(false);
			return cluster;
		})
			.run((context) -> assertThat(context.getBean(RedisConnectionFactory.class).getClass())
				.isEqualTo(JedisConnectionFactory.class));
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("distrace.redis.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LettuceTracingCustomizer.class)
				.doesNotHaveBean(JedisTracingPostProcessor.class);
			assertThat(context.getBean(ClientResources.class).tracing().isEnabled()).isFalse();
		});
		this.contextRunner.withPropertyValues("distrace.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LettuceTracingCustomizer.class)
				.doesNotHaveBean(JedisTracingPostProcessor.class);
			assertThat(context.getBean(ClientResources.class).tracing().isEnabled()).isFalse();
		});
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		ClientResourcesBuilderCustomizer custom = (builder) -> {
		};
		this.contextRunner
			.withBean("distraceLettuceTracingCustomizer", ClientResourcesBuilderCustomizer.class, () -> custom)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LettuceTracingCustomizer.class);
				assertThat(context.getBean(ClientResources.class).tracing().isEnabled()).isFalse();
			});
	}

	@Test
	void shouldNotSupplyBeansIfDependencyIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LettuceTracingCustomizer.class)
				.hasSingleBean(JedisTracingPostProcessor.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClientResourcesBuilderCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LettuceTracingCustomizer.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(Jedis.class))
			.run((context) -> assertThat(context).hasSingleBean(LettuceTracingCustomizer.class)
				.doesNotHaveBean(JedisTracingPostProcessor.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class, Jedis.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LettuceTracingCustomizer.class)
				.doesNotHaveBean(JedisTracingPostProcessor.class));
	}

	@Test
	void replacesSpringBootsLettuceObservationSoThatACommandHasOneSpan() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(LettuceObservationAutoConfiguration.class))
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> {
				assertThat(context).hasBean("lettuceObservation");
				assertThat(context.getBean(ClientResources.class).tracing()).isInstanceOf(LettuceTracing.class);
			});
		this.contextRunner.withConfiguration(AutoConfigurations.of(LettuceObservationAutoConfiguration.class))
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("distrace.redis.enabled=false")
			.run((context) -> assertThat(context.getBean(ClientResources.class).tracing())
				.isInstanceOf(MicrometerTracing.class));
	}

}
