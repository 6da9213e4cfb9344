package io.github.distrace.autoconfigure.redis;

import java.lang.reflect.Method;
import java.util.Objects;

import io.github.distrace.autoconfigure.sdk.internal.UnsampledParents;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Puts a {@link JedisTracingConnectionFactory} in the place of each
 * {@link JedisConnectionFactory} bean for a standalone server (Spring Boot's, or the
 * application's own), with the same configuration, before it is initialized and opens
 * anything. Left alone: a subclass of the application's, a factory for Sentinel or a
 * cluster, and one already started.
 *
 * @author distrace
 */
final class JedisTracingPostProcessor implements BeanPostProcessor {

	// Whether to use Jedis' RedisClient: Spring Data Redis 4.1 and later only.
	private static final @Nullable Method IS_USE_UNIFIED_JEDIS = ReflectionUtils
		.findMethod(JedisConnectionFactory.class, "isUseUnifiedJedis");

	private static final @Nullable Method SET_USE_UNIFIED_JEDIS = ReflectionUtils
		.findMethod(JedisConnectionFactory.class, "setUseUnifiedJedis", boolean.class);

	// UnifiedJedisTracingConnectionFactory.create, found by name: that class names types
	// that Spring Data Redis before 4.1 and Jedis before 7.2 lack, and the build against
	// them (the spring-boot-4.0 profile) leaves it out.
	static final String UNIFIED_FACTORY = "io.github.distrace.autoconfigure.redis.UnifiedJedisTracingConnectionFactory";

	private static final @Nullable Method CREATE_UNIFIED = unifiedFactory();

	private static final boolean UNIFIED = IS_USE_UNIFIED_JEDIS != null && SET_USE_UNIFIED_JEDIS != null
			&& CREATE_UNIFIED != null;

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<OpenTelemetry> openTelemetry;

	private volatile @Nullable RedisCommandSpans spans;

	JedisTracingPostProcessor(ObjectProvider<Tracer> tracer, ObjectProvider<OpenTelemetry> openTelemetry) {
		this.tracer = tracer;
		this.openTelemetry = openTelemetry;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean.getClass() != JedisConnectionFactory.class || !JedisTracingConnectionFactory.isSupported()) {
			return bean;
		}
		JedisConnectionFactory factory = (JedisConnectionFactory) bean;
		RedisStandaloneConfiguration standalone = factory.getStandaloneConfiguration();
		if (standalone == null || factory.isRedisSentinelAware() || factory.isRedisClusterAware()
				|| factory.isRunning()) {
			return bean;
		}
		JedisTracingConnectionFactory traced = (UNIFIED && CREATE_UNIFIED != null)
				? (JedisTracingConnectionFactory) Objects.requireNonNull(ReflectionUtils.invokeMethod(CREATE_UNIFIED,
						null, standalone, factory.getClientConfiguration(), spans()))
				: new JedisTracingConnectionFactory(standalone, factory.getClientConfiguration(), spans());
		traced.setPhase(factory.getPhase());
		traced.setAutoStartup(factory.isAutoStartup());
		traced.setEarlyStartup(factory.isEarlyStartup());
		traced.setConvertPipelineAndTxResults(factory.getConvertPipelineAndTxResults());
		if (UNIFIED && SET_USE_UNIFIED_JEDIS != null && IS_USE_UNIFIED_JEDIS != null) {
			ReflectionUtils.invokeMethod(SET_USE_UNIFIED_JEDIS, traced,
					ReflectionUtils.invokeMethod(IS_USE_UNIFIED_JEDIS, factory));
		}
		return traced;
	}

	private RedisCommandSpans spans() {
		RedisCommandSpans spans = this.spans;
		if (spans == null) {
			spans = new RedisCommandSpans(this.tracer.getObject(),
					UnsampledParents.areFollowed(this.openTelemetry.getObject()));
			this.spans = spans;
		}
		return spans;
	}

	static @Nullable Method unifiedFactory() {
		ClassLoader loader = JedisTracingPostProcessor.class.getClassLoader();
		if (!ClassUtils.isPresent("redis.clients.jedis.RedisClient", loader)
				|| !ClassUtils.isPresent(UNIFIED_FACTORY, loader)) {
			return null;
		}
		Method create = ReflectionUtils.findMethod(ClassUtils.resolveClassName(UNIFIED_FACTORY, loader), "create",
				RedisStandaloneConfiguration.class, JedisClientConfiguration.class, RedisCommandSpans.class);
		if (create != null) {
			ReflectionUtils.makeAccessible(create);
		}
		return create;
	}

}
