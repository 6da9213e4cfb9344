package io.github.distrace.autoconfigure.redis;

import io.github.distrace.autoconfigure.sdk.DistraceSdkAutoConfiguration;
import io.github.distrace.autoconfigure.sdk.internal.ConditionalOnDistraceEnabled;
import io.github.distrace.autoconfigure.sdk.internal.OpenTelemetryContextAccessor;
import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.lettuce.core.RedisClient;
import io.micrometer.context.ContextRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Hooks;
import redis.clients.jedis.Jedis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/**
 * Auto-configuration of a query span for each Redis command sent through Spring Data
 * Redis: on Lettuce, Spring Boot's default client, by way of the client resources Spring
 * Boot builds; on Jedis, by way of the connections of its {@link JedisConnectionFactory}.
 *
 * @author distrace
 */
@AutoConfiguration(after = DistraceSdkAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
		beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisConnectionFactory.class, Tracer.class })
@ConditionalOnDistraceEnabled
@ConditionalOnBooleanProperty(name = "distrace.redis.enabled", matchIfMissing = true)
@ConditionalOnBean(Tracer.class)
@EnableConfigurationProperties(DistraceRedisProperties.class)
public final class DistraceRedisAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisClient.class, ClientResourcesBuilderCustomizer.class })
	static class LettuceConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceLettuceTracingCustomizer")
		LettuceTracingCustomizer distraceLettuceTracingCustomizer(Tracer tracer, OpenTelemetry openTelemetry,
				ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
			return new LettuceTracingCustomizer(new LettuceTracing(tracer, UnsampledParents.areFollowed(openTelemetry),
					() -> database(connectionDetails.getIfAvailable())));
		}

		private static long database(@Nullable DataRedisConnectionDetails details) {
			if (details == null) {
				return 0;
			}
			if (details.getSentinel() != null) {
				return details.getSentinel().getDatabase();
			}
			return (details.getStandalone() != null) ? details.getStandalone().getDatabase() : 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Jedis.class, JedisConnectionFactory.class })
	static class JedisConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "distraceJedisTracingPostProcessor")
		static JedisTracingPostProcessor distraceJedisTracingPostProcessor(ObjectProvider<Tracer> tracer,
				ObjectProvider<OpenTelemetry> openTelemetry) {
			return new JedisTracingPostProcessor(tracer, openTelemetry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisClient.class, ContextRegistry.class, Hooks.class })
	static class ReactorConfiguration {

		ReactorConfiguration() {
			// Registered once per key; a second context replaces it with an equal one.
			ContextRegistry.getInstance().registerThreadLocalAccessor(new OpenTelemetryContextAccessor());
		}

	}

}
